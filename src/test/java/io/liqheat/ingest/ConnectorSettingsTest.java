package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import org.junit.jupiter.api.Test;

class ConnectorSettingsTest {

  private static Config with(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  @Test
  void exchangeBlocksOverrideTheSharedDefaults() {
    ConnectorSettings okx = ConnectorSettings.fromConfig(with(""), Exchange.OKX);
    ConnectorSettings bybit = ConnectorSettings.fromConfig(with(""), Exchange.BYBIT);
    assertThat(okx.pingInterval().toSeconds()).isEqualTo(25);
    assertThat(bybit.pingInterval().toSeconds()).isEqualTo(20);
    assertThat(okx.wsUrl().toString()).isEqualTo("wss://ws.okx.com:8443/ws/v5/public");
  }

  @Test
  void aBadValueNamesItsFullKey() {
    assertThatThrownBy(() -> ConnectorSettings.fromConfig(with("liqheat.ingest.exchanges.binance.stale-after = -1s"), Exchange.BINANCE))
        .hasMessageContaining("liqheat.ingest.exchanges.binance.stale-after");
    assertThatThrownBy(() -> ConnectorSettings.fromConfig(with("liqheat.ingest.exchanges.bybit.rest-url = \"not a url\""), Exchange.BYBIT))
        .hasMessageContaining("liqheat.ingest.exchanges.bybit.rest-url");
    assertThatThrownBy(() -> ConnectorSettings.fromConfig(with("liqheat.ingest.reconnect.random-factor = 2"), Exchange.OKX))
        .hasMessageContaining("liqheat.ingest.exchanges.okx.reconnect.random-factor");
  }

  @Test
  void deliveryIsReadForTheNodeAndEachExchangeAndBadValuesNameTheirKey() {
    IngestSettings node = IngestSettings.fromConfig(with("liqheat.ingest.delivery.attempt-timeout = 2s"));
    assertThat(node.delivery().attemptTimeout().toSeconds()).isEqualTo(2);
    assertThat(node.delivery().giveUpAfter().toSeconds()).isEqualTo(60);
    assertThat(ConnectorSettings.fromConfig(with(""), Exchange.BYBIT).delivery().maxPendingInputs()).isEqualTo(100_000);
    assertThatThrownBy(() -> IngestSettings.fromConfig(with("liqheat.ingest.delivery.max-pending-inputs = 0")))
        .hasMessageContaining("liqheat.ingest.delivery.max-pending-inputs");
    assertThatThrownBy(() -> IngestSettings.fromConfig(with("liqheat.ingest.delivery.give-up-after = 1s")))
        .hasMessageContaining("liqheat.ingest.delivery.give-up-after");
  }

  @Test
  void marketsAreValidatedWholeBeforeAnythingStarts() {
    IngestSettings settings = IngestSettings.fromConfig(with("liqheat.ingest.markets = [\"binance:BTCUSDT\", \"okx:BTC-USDT-SWAP\"]"));
    assertThat(settings.marketsOf(Exchange.OKX)).containsExactly(MarketId.parse("okx:BTC-USDT-SWAP"));
    assertThat(settings.exchanges()).containsOnlyKeys(Exchange.BINANCE, Exchange.OKX);
    assertThatThrownBy(() -> IngestSettings.fromConfig(with("liqheat.ingest.markets = [\"kraken:XBTUSD\"]")))
        .hasMessageContaining("liqheat.ingest.markets").hasMessageContaining("kraken");
    assertThatThrownBy(() -> IngestSettings.fromConfig(with("liqheat.ingest.markets = [\"bybit:BTCUSDT\", \"bybit:BTCUSDT\"]")))
        .hasMessageContaining("twice");
  }
}
