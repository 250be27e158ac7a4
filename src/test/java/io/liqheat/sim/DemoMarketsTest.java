package io.liqheat.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.market.MarketId;
import org.junit.jupiter.api.Test;

class DemoMarketsTest {

  @Test
  void syntheticMarketsTakeTheExchangesInTurnWithDistinctSymbols() {
    assertThat(DemoMarkets.synthetic(4)).extracting(SimMarketSpec::market).containsExactly(
        MarketId.parse("binance:S001USDT"), MarketId.parse("bybit:S002USDT"), MarketId.parse("okx:S003-USDT-SWAP"),
        MarketId.parse("binance:S004USDT"));
  }

  @Test
  void aCountOutsideOneTo999IsRefused() {
    assertThatThrownBy(() -> DemoMarkets.synthetic(0)).hasMessageContaining("1 to 999, was 0");
  }
}
