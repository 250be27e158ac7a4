package io.liqheat.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.liqheat.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and parses the configuration every subcommand runs on: the file given with {@code
 * --config}, else the one named by {@code LIQHEAT_CONFIG}, else {@code conf/liqheat.conf} of the
 * install when it exists, layered over the defaults in {@code reference.conf}.
 */
public final class ConfigLoader {

  public static final String ENVIRONMENT_VARIABLE = "LIQHEAT_CONFIG";
  /** {@code conf/liqheat.conf} under the install ({@code -Dliqheat.home}, set by bin/liqheat). */
  public static final Path DEFAULT_FILE =
      Path.of(System.getProperty("liqheat.home", "."), "conf", "liqheat.conf");

  private ConfigLoader() {}

  /**
   * @param explicitFile the {@code --config} option, or null
   * @throws ConfigurationException when a named file is missing or does not parse
   */
  public static Config load(Path explicitFile) {
    Path file = explicitFile;
    if (file == null && System.getenv(ENVIRONMENT_VARIABLE) != null) {
      file = Path.of(System.getenv(ENVIRONMENT_VARIABLE));
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new ConfigurationException("configuration file " + file + " does not exist");
    }
    if (file == null && Files.isRegularFile(DEFAULT_FILE)) {
      file = DEFAULT_FILE;
    }
    try {
      ConfigFactory.invalidateCaches();
      Config user = file == null
          ? ConfigFactory.empty()
          : ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      return ConfigFactory.load(user.withFallback(ConfigFactory.defaultApplication()));
    } catch (ConfigException e) {
      throw new ConfigurationException("configuration " + (file == null ? "" : file + " ") + "is invalid: " + e.getMessage());
    }
  }

  /** A configuration problem, reported to the user in one line. */
  public static final class ConfigurationException extends RuntimeException implements UserFacingException {
    public ConfigurationException(String message) {
      super(message);
    }
  }
}
