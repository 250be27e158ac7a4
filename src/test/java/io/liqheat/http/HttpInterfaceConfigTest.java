package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo listens on loopback only; production listens where LIQHEAT_HTTP_INTERFACE says. */
class HttpInterfaceConfigTest {

  @Test
  void theDefaultInterfaceIsLoopback() {
    ConfigFactory.invalidateCaches();
    assertThat(HttpSettings.fromConfig(ConfigFactory.load()).iface()).isEqualTo("127.0.0.1");
    assertThat(HttpSettings.fromConfig(ConfigFactory.load()).corsAllowedOrigins()).isEmpty();
  }

  @Test
  void productionTakesTheInterfaceAndPortFromTheEnvironment() {
    HttpSettings settings = HttpSettings.fromConfig(production(Map.of("LIQHEAT_HTTP_INTERFACE", "0.0.0.0", "LIQHEAT_HTTP_PORT", "9090")));
    assertThat(settings.iface()).isEqualTo("0.0.0.0");
    assertThat(settings.port()).isEqualTo(9090);
  }

  @Test
  void productionWithoutTheVariableStaysOnLoopback() {
    assertThat(HttpSettings.fromConfig(production(Map.of())).iface()).isEqualTo("127.0.0.1");
  }

  /** conf/production.conf resolved against {@code environment} instead of the real one. */
  private static Config production(Map<String, String> environment) {
    // HOCON looks a substitution up in the config itself before the environment.
    return ConfigFactory.parseMap(environment)
        .withFallback(ConfigFactory.parseFile(new File("conf/production.conf")))
        .withFallback(ConfigFactory.defaultReference())
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }
}
