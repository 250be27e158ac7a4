package io.liqheat.history;

import io.liqheat.market.Candle;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import io.liqheat.market.Windows;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import io.liqheat.model.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made frozen windows for read-side tests: a hash-chained run of windows with every kind of
 * content the table must keep (no candle, an unknown volume, OI unknown before the first
 * observation), and frames with clear long and short peaks around the close.
 */
final class FrozenWindows {

  static final PriceGrid GRID = PriceGrid.relative(0.0005);
  static final double FRAME_RANGE = 0.10;

  private FrozenWindows() {}

  /**
   * {@code count} consecutive windows from {@code firstStartMs}, chained to {@code prevChecksum}
   * ("" for a market's first). Window 1 (0-based) has no trades, window 2 no volume, window 0 no OI
   * in base units yet.
   */
  static List<WindowFrozen> chain(
      MarketId market, String modelVersion, long firstStartMs, int count, double price, String prevChecksum) {
    List<WindowFrozen> windows = new ArrayList<>();
    String prev = prevChecksum;
    for (int i = 0; i < count; i++) {
      long start = firstStartMs + i * Windows.WINDOW_MS;
      double close = price * (1 + 0.001 * i);
      List<Step> steps =
          i == 1 ? List.of() : List.of(Step.ofBar(start + 60_000, close * 0.999, close * 1.002, close * 0.997, close, 5e9));
      Candle candle =
          switch (i) {
            case 1 -> null;
            case 2 -> new Candle(close * 0.999, close * 1.002, close * 0.997, close, Double.NaN);
            default -> new Candle(close * 0.999, close * 1.002, close * 0.997, close, 1234.5 + i);
          };
      double oiCloseBase = i == 0 && prevChecksum.isEmpty() ? Double.NaN : 5e9 / close;
      double coverage = i == 1 ? 0.0 : 1.0 - 0.1 * i;
      DensityFrame frame = frame(close);
      WindowFrozen window =
          WindowFrozen.chained(market, start, modelVersion, steps, candle, oiCloseBase, 5e9, coverage, 1000.0 * i,
              2000.0 * i, close, FRAME_RANGE, frame, prev);
      windows.add(window);
      prev = window.checksum();
    }
    return windows;
  }

  /**
   * Long notional below the close and short above it, within ±10 %, with one strong run on each
   * side: longs 2 % below, shorts 3 % above.
   */
  static DensityFrame frame(double close) {
    int center = GRID.indexOf(close);
    int longPeak = GRID.indexOf(close * 0.98);
    int shortPeak = GRID.indexOf(close * 1.03);
    int first = GRID.indexOf(close * 0.90);
    int last = GRID.indexOf(close * 1.10);
    int n = last - first + 1;
    int[] bins = new int[n];
    double[] longUsd = new double[n];
    double[] shortUsd = new double[n];
    for (int i = 0; i < n; i++) {
      int bin = first + i;
      bins[i] = bin;
      double base = 1_000 + 37 * ((bin * 7919L) % 13);
      if (bin < center) {
        longUsd[i] = Math.abs(bin - longPeak) <= 2 ? 500_000 - 1_000 * Math.abs(bin - longPeak) : base;
      } else if (bin > center) {
        shortUsd[i] = Math.abs(bin - shortPeak) <= 3 ? 400_000 - 1_000 * Math.abs(bin - shortPeak) : base;
      } else {
        longUsd[i] = base;
        shortUsd[i] = base;
      }
    }
    return new DensityFrame(GRID.kind(), GRID.width(), bins, longUsd, shortUsd);
  }
}
