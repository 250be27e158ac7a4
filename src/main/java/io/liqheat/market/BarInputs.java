package io.liqheat.market;

import io.liqheat.backtest.Bar;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded bars as the input a connector would have delivered, so that a replay goes through the
 * normal ingest path. Each bar becomes four trades along its path (open, then the extreme nearer the
 * open's side, the other extreme, the close; a bar does not say which extreme came first, so an up
 * bar is taken to dip first and a down bar to spike first), the OI at its close, the long/short ratio
 * when the file has one, and a heartbeat at its end: the bar says the market was observed up to then.
 */
public final class BarInputs {

  private BarInputs() {}

  /** Batches of {@code barsPerBatch} bars, in order. */
  public static List<InputBatch> batches(List<Bar> bars, long barMs, int barsPerBatch) {
    List<InputBatch> batches = new ArrayList<>();
    InputBatchBuilder builder = InputBatch.builder();
    int inBatch = 0;
    for (Bar bar : bars) {
      add(builder, bar, barMs);
      if (++inBatch == barsPerBatch) {
        batches.add(builder.build());
        builder = InputBatch.builder();
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      batches.add(builder.build());
    }
    return batches;
  }

  static void add(InputBatchBuilder builder, Bar bar, long barMs) {
    long start = bar.openTimeMs();
    long last = start + barMs - 1;
    boolean up = bar.close() >= bar.open();
    double first = up ? bar.low() : bar.high();
    double second = up ? bar.high() : bar.low();
    double tradeSize = Double.isNaN(bar.volume()) ? 1.0 : bar.volume() / 4;
    builder.trade(start, bar.open(), tradeSize, up);
    builder.trade(start + barMs / 3, first, tradeSize, !up);
    builder.trade(start + 2 * barMs / 3, second, tradeSize, up);
    builder.trade(last, bar.close(), tradeSize, up);
    if (!Double.isNaN(bar.longShortRatio())) {
      builder.ratio(last, bar.longShortRatio());
    }
    builder.openInterest(last, bar.openInterestUsd() / bar.close(), bar.openInterestUsd());
    builder.heartbeat(start + barMs);
  }
}
