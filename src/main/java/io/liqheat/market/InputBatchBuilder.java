package io.liqheat.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects inputs into an {@link InputBatch} without boxing the trade and mark columns. */
public final class InputBatchBuilder {

  private long[] tradeTimes = new long[64];
  private double[] tradePrices = new double[64];
  private double[] tradeSizes = new double[64];
  private boolean[] tradeTakerBuys = new boolean[64];
  private int trades;
  private long[] markTimes = new long[16];
  private double[] markPrices = new double[16];
  private int marks;
  private final List<InputBatch.OpenInterestObservation> openInterest = new ArrayList<>();
  private final List<InputBatch.RatioObservation> ratios = new ArrayList<>();
  private final List<InputBatch.LiquidationPrint> liquidations = new ArrayList<>();
  private long heartbeatMs = InputBatch.NO_HEARTBEAT;

  public InputBatchBuilder trade(long timeMs, double price, double size, boolean takerBuy) {
    if (trades == tradeTimes.length) {
      int capacity = trades * 2;
      tradeTimes = Arrays.copyOf(tradeTimes, capacity);
      tradePrices = Arrays.copyOf(tradePrices, capacity);
      tradeSizes = Arrays.copyOf(tradeSizes, capacity);
      tradeTakerBuys = Arrays.copyOf(tradeTakerBuys, capacity);
    }
    tradeTimes[trades] = timeMs;
    tradePrices[trades] = price;
    tradeSizes[trades] = size;
    tradeTakerBuys[trades] = takerBuy;
    trades++;
    return this;
  }

  public InputBatchBuilder mark(long timeMs, double price) {
    if (marks == markTimes.length) {
      markTimes = Arrays.copyOf(markTimes, marks * 2);
      markPrices = Arrays.copyOf(markPrices, marks * 2);
    }
    markTimes[marks] = timeMs;
    markPrices[marks] = price;
    marks++;
    return this;
  }

  public InputBatchBuilder openInterest(long timeMs, double oiBase, double oiUsd) {
    openInterest.add(new InputBatch.OpenInterestObservation(timeMs, oiBase, oiUsd));
    return this;
  }

  public InputBatchBuilder ratio(long timeMs, double longShortRatio) {
    ratios.add(new InputBatch.RatioObservation(timeMs, longShortRatio));
    return this;
  }

  public InputBatchBuilder liquidation(long timeMs, boolean longLiquidated, double price, double size) {
    liquidations.add(new InputBatch.LiquidationPrint(timeMs, longLiquidated, price, size));
    return this;
  }

  public InputBatchBuilder heartbeat(long timeMs) {
    heartbeatMs = Math.max(heartbeatMs, timeMs);
    return this;
  }

  /** Appends every input of {@code batch} after those already here, as if they had come in one batch. */
  public InputBatchBuilder append(InputBatch batch) {
    for (int i = 0; i < batch.tradeTimes().length; i++) {
      trade(batch.tradeTimes()[i], batch.tradePrices()[i], batch.tradeSizes()[i], batch.tradeTakerBuys()[i]);
    }
    for (int i = 0; i < batch.markTimes().length; i++) {
      mark(batch.markTimes()[i], batch.markPrices()[i]);
    }
    openInterest.addAll(batch.openInterest());
    ratios.addAll(batch.ratios());
    liquidations.addAll(batch.liquidations());
    if (batch.heartbeatMs() != InputBatch.NO_HEARTBEAT) {
      heartbeat(batch.heartbeatMs());
    }
    return this;
  }

  /** The number of inputs so far, as {@link InputBatch#size()} counts them. */
  public int size() {
    return trades + marks + openInterest.size() + ratios.size() + liquidations.size();
  }

  public boolean isEmpty() {
    return trades == 0 && marks == 0 && openInterest.isEmpty() && ratios.isEmpty() && liquidations.isEmpty()
        && heartbeatMs == InputBatch.NO_HEARTBEAT;
  }

  public InputBatch build() {
    return new InputBatch(
        Arrays.copyOf(tradeTimes, trades),
        Arrays.copyOf(tradePrices, trades),
        Arrays.copyOf(tradeSizes, trades),
        Arrays.copyOf(tradeTakerBuys, trades),
        Arrays.copyOf(markTimes, marks),
        Arrays.copyOf(markPrices, marks),
        openInterest,
        ratios,
        liquidations,
        heartbeatMs);
  }
}
