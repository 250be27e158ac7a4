package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.junit.jupiter.api.Test;

/** The settings the API's server binds with carry liqheat's connection limit and the remote address. */
class ApiServerSettingsTest {

  @Test
  void theServerTakesMaxConnectionsFromLiqheatHttpNotPekkosDefault() {
    ConfigFactory.invalidateCaches();
    Config config = ConfigFactory.load();
    assertThat(config.getInt("pekko.http.server.max-connections")).as("Pekko's own default").isEqualTo(1024);

    ServerSettings server = ApiServer.serverSettings(config, HttpSettings.fromConfig(config));

    assertThat(server.getMaxConnections()).isEqualTo(20_000);
  }

  @Test
  void aConfiguredMaxConnectionsReachesTheServer() {
    Config config = ConfigFactory.parseString("liqheat.http.max-connections = 4321").withFallback(ConfigFactory.load());

    assertThat(ApiServer.serverSettings(config, HttpSettings.fromConfig(config)).getMaxConnections()).isEqualTo(4321);
  }

  @Test
  void everyRequestCarriesItsConnectionsAddressWhateverTheConfigurationSays() {
    Config config = ConfigFactory.parseString("pekko.http.server.remote-address-attribute = off")
        .withFallback(ConfigFactory.load());

    assertThat(ApiServer.serverSettings(config, HttpSettings.fromConfig(config)).getRemoteAddressAttribute()).isTrue();
  }
}
