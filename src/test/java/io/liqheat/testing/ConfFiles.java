package io.liqheat.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.io.File;
import java.util.Map;

/** The shipped files under {@code conf/}, resolved against a made-up environment instead of the real one. */
public final class ConfFiles {

  private ConfFiles() {}

  public static Config resolve(String file, Map<String, String> environment) {
    // HOCON looks a substitution up in the config itself before the environment.
    return ConfigFactory.parseMap(environment)
        .withFallback(ConfigFactory.parseFile(new File("conf/" + file)))
        .withFallback(ConfigFactory.defaultReference())
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }
}
