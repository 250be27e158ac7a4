package io.liqheat.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option, for commands to mix in ({@code @Mixin ConfigFileOption config})
 * instead of each declaring it; {@link ConfigLoader} decides what applies when it is absent.
 */
public final class ConfigFileOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (default: $LIQHEAT_CONFIG, else conf/liqheat.conf if present).")
  Path file;

  /** The configuration, loaded through {@link ConfigLoader}. */
  public Config load() {
    return ConfigLoader.load(file);
  }
}
