package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final MarketId ETH = MarketId.parse("binance:ETHUSDT");

  @Test
  void inputsAreGroupedPerMarketInArrivalOrderAndTheAssemblerEmpties() {
    ConnectorMonitor monitor = new ConnectorMonitor("binance", "test", Duration.ofSeconds(30), Clock.systemUTC());
    BatchAssembler assembler = new BatchAssembler(monitor);
    assembler.input(new MarketInput.Trade(BTC, 1, 100, 1, true));
    assembler.input(new MarketInput.Trade(ETH, 2, 10, 3, false));
    assembler.input(new MarketInput.Trade(BTC, 3, 101, 2, false));
    assembler.input(new MarketInput.MarkPrice(BTC, 4, 100.5));
    assembler.input(new MarketInput.OpenInterest(ETH, 5, 1000, 10_000));
    assembler.input(new MarketInput.Liquidation(BTC, 6, true, 99, 0.5));
    assembler.input(new MarketInput.LongShortRatio(ETH, 7, 1.3));
    assembler.input(new MarketInput.Heartbeat(BTC, 8));
    assembler.malformed(BTC, "missing field p");
    assertThat(assembler.inputs()).isEqualTo(8);
    assertThat(assembler.trades()).isEqualTo(3);

    Map<MarketId, InputBatch> batches = assembler.drain();
    assertThat(batches.keySet()).containsExactly(BTC, ETH);
    InputBatch btc = batches.get(BTC);
    assertThat(btc.tradeTimes()).containsExactly(1, 3);
    assertThat(btc.tradeTakerBuys()).containsExactly(true, false);
    assertThat(btc.markPrices()).containsExactly(100.5);
    assertThat(btc.liquidations()).hasSize(1);
    assertThat(btc.heartbeatMs()).isEqualTo(8);
    assertThat(batches.get(ETH).ratios()).hasSize(1);
    assertThat(batches.get(ETH).openInterest()).hasSize(1);
    assertThat(monitor.status().malformed()).containsEntry("binance:BTCUSDT|missing field p", 1L);
    assertThat(assembler.drain()).isEmpty();
    assertThat(assembler.inputs()).isZero();
  }
}
