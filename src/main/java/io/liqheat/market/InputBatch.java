package io.liqheat.market;

import java.util.List;

/**
 * Normalized market data for one market, as a connector delivers it: a batch, never one message
 * per trade. Trades and mark prices are columnar (parallel primitive arrays), since they are the
 * bulk of the traffic; the rarer inputs are lists of records. Each column is in exchange time order.
 *
 * <p>{@code heartbeatMs} says that the source's exchange time has reached this moment even if nothing
 * traded (a server time, or the end of a recorded bar): it advances the watermark, so that quiet
 * windows still freeze, but counts as no input.
 *
 * <p>Sizes are in base units; prices in quote (USD) units; times are exchange event times in epoch
 * milliseconds.
 */
public record InputBatch(
    long[] tradeTimes,
    double[] tradePrices,
    double[] tradeSizes,
    boolean[] tradeTakerBuys,
    long[] markTimes,
    double[] markPrices,
    List<OpenInterestObservation> openInterest,
    List<RatioObservation> ratios,
    List<LiquidationPrint> liquidations,
    long heartbeatMs) implements CborSerializable {

  /** {@code heartbeatMs} when the source has no clock to report. */
  public static final long NO_HEARTBEAT = Long.MIN_VALUE;

  /** Open interest at a moment, in base units and in USD. */
  public record OpenInterestObservation(long timeMs, double oiBase, double oiUsd) {}

  /** The long/short account ratio (longs ÷ shorts) at a moment. */
  public record RatioObservation(long timeMs, double longShortRatio) {}

  /** A liquidation the exchange printed; {@code longLiquidated} is the side that was closed. */
  public record LiquidationPrint(long timeMs, boolean longLiquidated, double price, double size) {}

  public InputBatch {
    if (tradeTimes.length != tradePrices.length
        || tradeTimes.length != tradeSizes.length
        || tradeTimes.length != tradeTakerBuys.length) {
      throw new IllegalArgumentException("trade columns differ in length");
    }
    if (markTimes.length != markPrices.length) {
      throw new IllegalArgumentException("mark columns differ in length");
    }
    openInterest = List.copyOf(openInterest);
    ratios = List.copyOf(ratios);
    liquidations = List.copyOf(liquidations);
  }

  public int size() {
    return tradeTimes.length + markTimes.length + openInterest.size() + ratios.size() + liquidations.size();
  }

  public static InputBatchBuilder builder() {
    return new InputBatchBuilder();
  }

  /**
   * The inputs after {@code timeMs} only, heartbeat included: what a batch adds to history that
   * already covers everything up to that moment.
   */
  public InputBatch after(long timeMs) {
    InputBatchBuilder kept = builder();
    for (int i = 0; i < tradeTimes.length; i++) {
      if (tradeTimes[i] > timeMs) {
        kept.trade(tradeTimes[i], tradePrices[i], tradeSizes[i], tradeTakerBuys[i]);
      }
    }
    for (int i = 0; i < markTimes.length; i++) {
      if (markTimes[i] > timeMs) {
        kept.mark(markTimes[i], markPrices[i]);
      }
    }
    openInterest.stream().filter(o -> o.timeMs() > timeMs).forEach(o -> kept.openInterest(o.timeMs(), o.oiBase(), o.oiUsd()));
    ratios.stream().filter(r -> r.timeMs() > timeMs).forEach(r -> kept.ratio(r.timeMs(), r.longShortRatio()));
    liquidations.stream().filter(l -> l.timeMs() > timeMs)
        .forEach(l -> kept.liquidation(l.timeMs(), l.longLiquidated(), l.price(), l.size()));
    if (heartbeatMs != NO_HEARTBEAT && heartbeatMs > timeMs) {
      kept.heartbeat(heartbeatMs);
    }
    return kept.build();
  }
}
