package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.testing.ConfFiles;
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

  private static Config production(Map<String, String> environment) {
    return ConfFiles.resolve("production.conf", environment);
  }
}
