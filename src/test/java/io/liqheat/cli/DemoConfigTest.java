package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.http.HttpSettings;
import io.liqheat.market.MarketId;
import io.liqheat.testing.ConfFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's API listens on loopback whatever the configuration names, and says so when it overrides it. */
class DemoConfigTest {

  private static final List<MarketId> MARKETS = List.of(MarketId.parse("binance:BTCUSDT"));

  @Test
  void aConfiguredInterfaceIsOverriddenWithLoopbackAndReported() {
    Config configured = ConfigFactory.parseString("liqheat.http.interface = \"0.0.0.0\"").withFallback(ConfigFactory.load());

    Config demo = DemoConfig.pointedAt(configured, 4000, MARKETS, 1, 0);

    assertThat(HttpSettings.fromConfig(demo).iface()).isEqualTo("127.0.0.1");
    assertThat(DemoConfig.overriddenInterface(configured)).hasValue("0.0.0.0");
  }

  @Test
  void productionsInterfaceFromTheEnvironmentIsOverriddenToo() {
    Config production = ConfFiles.resolve("production.conf", Map.of("LIQHEAT_HTTP_INTERFACE", "10.0.0.7"));

    assertThat(HttpSettings.fromConfig(DemoConfig.pointedAt(production, 4000, MARKETS, 1, 0)).iface()).isEqualTo("127.0.0.1");
    assertThat(DemoConfig.overriddenInterface(production)).hasValue("10.0.0.7");
  }

  @Test
  void theDefaultLoopbackIsNotReportedAsOverridden() {
    ConfigFactory.invalidateCaches();
    Config shipped = ConfigFactory.load();

    assertThat(HttpSettings.fromConfig(DemoConfig.pointedAt(shipped, 4000, MARKETS, 1, 0)).iface()).isEqualTo("127.0.0.1");
    assertThat(DemoConfig.overriddenInterface(shipped)).isEmpty();
  }
}
