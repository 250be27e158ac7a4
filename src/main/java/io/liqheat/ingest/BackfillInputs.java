package io.liqheat.ingest;

import io.liqheat.market.InputBatch;
import io.liqheat.market.InputBatchBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns history (closed candles, open-interest and ratio points) into the same inputs the live
 * stream gives, so a backfilled window is frozen by the same code as a live one.
 *
 * <p>A candle becomes four trades in its path order: open, then high and low (low first in a rising
 * candle, high first in a falling one), then close, spread over the minute so that the window's
 * coverage reflects that it had input. The volume is split so that their VWAP equals the candle's
 * (quote ÷ base volume) when the exchange gives it, and the taker-buy share is kept.
 */
public final class BackfillInputs {

  /** Seconds into the candle at which its four synthetic trades are placed. */
  private static final double[] TRADE_OFFSETS = {0.0, 0.25, 0.5, 0.999};

  private BackfillInputs() {}

  public record OpenInterestPoint(long timeMs, double oiBase, double oiUsd) {}

  public record RatioPoint(long timeMs, double longShortRatio) {}

  /** Inputs from {@code fromMs} (inclusive) to {@code toMs} (exclusive), in time order, with a heartbeat at {@code toMs}. */
  public static InputBatch batch(
      List<KlineBar> bars, List<OpenInterestPoint> openInterest, List<RatioPoint> ratios, long fromMs, long toMs) {
    List<Timed> timed = new ArrayList<>();
    for (KlineBar bar : bars) {
      if (bar.openTimeMs() >= fromMs && bar.closeTimeMs() < toMs) {
        addTrades(bar, timed);
      }
    }
    for (OpenInterestPoint point : openInterest) {
      if (point.timeMs() >= fromMs && point.timeMs() < toMs) {
        timed.add(new Timed(point.timeMs(), 1, builder -> builder.openInterest(point.timeMs(), point.oiBase(), point.oiUsd())));
      }
    }
    for (RatioPoint point : ratios) {
      if (point.timeMs() >= fromMs && point.timeMs() < toMs) {
        timed.add(new Timed(point.timeMs(), 2, builder -> builder.ratio(point.timeMs(), point.longShortRatio())));
      }
    }
    // OI and ratio points are stamped at the end of their period; trades of the same millisecond go first.
    timed.sort(Comparator.comparingLong(Timed::timeMs).thenComparingInt(Timed::order));
    InputBatchBuilder builder = InputBatch.builder();
    timed.forEach(t -> t.apply().accept(builder));
    return builder.heartbeat(toMs - 1).build();
  }

  private static void addTrades(KlineBar bar, List<Timed> timed) {
    if (!(bar.volume() > 0)) {
      return;
    }
    boolean rising = bar.close() >= bar.open();
    double[] prices = rising
        ? new double[] {bar.open(), bar.low(), bar.high(), bar.close()}
        : new double[] {bar.open(), bar.high(), bar.low(), bar.close()};
    double[] weights = weightsForVwap(prices, bar);
    double buyShare = Double.isNaN(bar.takerBuyVolume()) ? 0.5 : Math.min(1, Math.max(0, bar.takerBuyVolume() / bar.volume()));
    long span = bar.closeTimeMs() - bar.openTimeMs();
    for (int i = 0; i < prices.length; i++) {
      long time = bar.openTimeMs() + (long) (TRADE_OFFSETS[i] * span);
      double size = bar.volume() * weights[i];
      double price = prices[i];
      if (size <= 0) {
        continue;
      }
      // Each synthetic trade is split into a taker-buy and a taker-sell part with the candle's share.
      timed.add(new Timed(time, 0, builder -> {
        if (buyShare > 0) {
          builder.trade(time, price, size * buyShare, true);
        }
        if (buyShare < 1) {
          builder.trade(time, price, size * (1 - buyShare), false);
        }
      }));
    }
  }

  /**
   * Weights over the four prices whose weighted mean is the candle's VWAP: equal weights moved
   * toward the high or low side as needed. Falls back to equal weights when no VWAP is known or it
   * lies outside the candle's range.
   */
  static double[] weightsForVwap(double[] prices, KlineBar bar) {
    double[] equal = {0.25, 0.25, 0.25, 0.25};
    if (Double.isNaN(bar.quoteVolume()) || !(bar.volume() > 0) || !(bar.high() > bar.low())) {
      return equal;
    }
    double vwap = bar.quoteVolume() / bar.volume();
    if (!(vwap >= bar.low() && vwap <= bar.high())) {
      return equal;
    }
    double mean = (prices[0] + prices[1] + prices[2] + prices[3]) / 4;
    // Mix the equal weights with all weight on the extreme on the VWAP's side of the mean.
    int extreme = indexOf(prices, vwap >= mean ? bar.high() : bar.low());
    double target = prices[extreme];
    double mix = target == mean ? 0 : (vwap - mean) / (target - mean);
    double[] weights = new double[4];
    for (int i = 0; i < 4; i++) {
      weights[i] = (1 - mix) * 0.25 + (i == extreme ? mix : 0);
    }
    return weights;
  }

  private static int indexOf(double[] prices, double value) {
    for (int i = 0; i < prices.length; i++) {
      if (prices[i] == value) {
        return i;
      }
    }
    throw new IllegalStateException("the candle's extreme is one of its path prices");
  }

  private record Timed(long timeMs, int order, java.util.function.Consumer<InputBatchBuilder> apply) {}
}
