package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.liqheat.market.InputBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillInputsTest {

  private static final long T0 = 1_790_000_040_000L - 1_790_000_040_000L % 60_000;

  private static KlineBar bar(long open, double o, double h, double l, double c, double volume, double buy, double quote) {
    return new KlineBar(open, open + 59_999, o, h, l, c, volume, buy, quote);
  }

  @Test
  void aCandleBecomesTradesThatKeepItsVolumeVwapTakerShareAndExtremes() {
    KlineBar candle = bar(T0, 100, 110, 95, 105, 10, 6, 10 * 103);
    InputBatch batch = BackfillInputs.batch(List.of(candle), List.of(), List.of(), T0, T0 + 60_000);
    double volume = 0;
    double quote = 0;
    double bought = 0;
    double high = 0;
    double low = Double.MAX_VALUE;
    for (int i = 0; i < batch.tradeTimes().length; i++) {
      volume += batch.tradeSizes()[i];
      quote += batch.tradeSizes()[i] * batch.tradePrices()[i];
      bought += batch.tradeTakerBuys()[i] ? batch.tradeSizes()[i] : 0;
      high = Math.max(high, batch.tradePrices()[i]);
      low = Math.min(low, batch.tradePrices()[i]);
      assertThat(batch.tradeTimes()[i]).isBetween(T0, T0 + 59_999);
      if (i > 0) {
        assertThat(batch.tradeTimes()[i]).isGreaterThanOrEqualTo(batch.tradeTimes()[i - 1]);
      }
    }
    assertThat(volume).isCloseTo(10, within(1e-9));
    assertThat(quote / volume).isCloseTo(103, within(1e-9));
    assertThat(bought / volume).isCloseTo(0.6, within(1e-9));
    assertThat(high).isEqualTo(110);
    assertThat(low).isEqualTo(95);
    assertThat(batch.tradePrices()[0]).isEqualTo(100);
    assertThat(batch.tradePrices()[batch.tradePrices().length - 1]).isEqualTo(105);
  }

  @Test
  void historyOutsideTheGapIsLeftOutAndTheBatchEndsWithAHeartbeatAtTheGapsEnd() {
    List<KlineBar> bars = List.of(
        bar(T0 - 60_000, 1, 1, 1, 1, 1, 0.5, 1),
        bar(T0, 1, 1, 1, 1, 1, 0.5, 1),
        bar(T0 + 60_000, 1, 1, 1, 1, 1, 0.5, 1));
    List<BackfillInputs.OpenInterestPoint> oi = List.of(
        new BackfillInputs.OpenInterestPoint(T0 - 1, 5, 5),
        new BackfillInputs.OpenInterestPoint(T0 + 30_000, 6, 6));
    InputBatch batch = BackfillInputs.batch(bars, oi, List.of(new BackfillInputs.RatioPoint(T0 + 1, 1.2)), T0, T0 + 60_000);
    for (long time : batch.tradeTimes()) {
      assertThat(time).isBetween(T0, T0 + 59_999);
    }
    assertThat(batch.openInterest()).extracting(InputBatch.OpenInterestObservation::oiBase).containsExactly(6.0);
    assertThat(batch.ratios()).hasSize(1);
    assertThat(batch.heartbeatMs()).isEqualTo(T0 + 59_999);
  }

  @Test
  void withoutTakerVolumeOrQuoteVolumeTheCandleIsSplitEvenly() {
    KlineBar candle = bar(T0, 100, 110, 95, 105, 8, Double.NaN, Double.NaN);
    InputBatch batch = BackfillInputs.batch(List.of(candle), List.of(), List.of(), T0, T0 + 60_000);
    double bought = 0;
    for (int i = 0; i < batch.tradeSizes().length; i++) {
      bought += batch.tradeTakerBuys()[i] ? batch.tradeSizes()[i] : 0;
    }
    assertThat(bought).isCloseTo(4, within(1e-9));
  }
}
