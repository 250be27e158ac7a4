package io.liqheat.http;

import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.Candle;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the heatmap matrix from frozen frames. Merging rules:
 *
 * <ul>
 *   <li>a column holds the windows of one resolution step; its cell is the <em>mean</em> USD of that
 *       bin over the column's frozen windows (a missing window is not counted as an empty one), so
 *       a column reads like one typical frame of its period and columns of any resolution share a
 *       colour scale;
 *   <li>the candle is first open, highest high, lowest low, last close and summed volume of the
 *       windows that had trades (volume null when none of them knew it);
 *   <li>rows are one common grid: the model's grid coarsened to {@code binWidth}, from the lowest
 *       price (candle low or close) in the range less {@code range} % to the highest plus {@code
 *       range} %. Notional outside it is left out.
 * </ul>
 *
 * Cells are rounded to cents: finer than any estimate, and half the JSON.
 */
final class HeatmapMatrix {

  private HeatmapMatrix() {}

  /**
   * @param rows the frozen frames, in window order
   * @param maxCells refuse (400) a matrix of more cells than this
   */
  static HeatmapView build(String market, String modelVersion, TimeRange range, HeatmapResolution resolution,
      DisplayQuery display, List<FrozenFrameRow> rows, boolean immutable, Long newest, int maxCells) {
    List<List<FrozenFrameRow>> columns = columns(rows, resolution);
    PriceGrid grid = rowGrid(rows, display);
    int firstBin = 0;
    int rowCount = 0;
    double[] span = priceSpan(rows);
    if (grid != null && span != null) {
      firstBin = grid.indexOf(span[0] * (1 - display.range()));
      rowCount = grid.indexOf(span[1] * (1 + display.range())) - firstBin + 1;
    }
    if ((long) rowCount * columns.size() > maxCells) {
      throw ApiException.badRequest("the heatmap would have " + columns.size() + " columns x " + rowCount
          + " price rows, more than the " + maxCells + " cells allowed (liqheat.http.history.max-heatmap-cells);"
          + " ask for a coarser resolution, a wider binWidth, a smaller range or a shorter from..to");
    }

    int n = columns.size();
    long[] times = new long[n];
    int[] windows = new int[n];
    double[] coverage = new double[n];
    double[][] longUsd = new double[n][];
    double[][] shortUsd = new double[n][];
    List<Double> open = new ArrayList<>(n);
    List<Double> high = new ArrayList<>(n);
    List<Double> low = new ArrayList<>(n);
    List<Double> close = new ArrayList<>(n);
    List<Double> volume = new ArrayList<>(n);
    double maxLong = 0;
    double maxShort = 0;
    for (int c = 0; c < n; c++) {
      List<FrozenFrameRow> column = columns.get(c);
      times[c] = resolution.columnStart(column.get(0).windowStartMs());
      windows[c] = column.size();
      coverage[c] = cents(meanCoverage(column));
      longUsd[c] = new double[rowCount];
      shortUsd[c] = new double[rowCount];
      for (FrozenFrameRow row : column) {
        add(display.shape(row.frame()), firstBin, longUsd[c], shortUsd[c]);
      }
      for (int r = 0; r < rowCount; r++) {
        longUsd[c][r] = cents(longUsd[c][r] / column.size());
        shortUsd[c][r] = cents(shortUsd[c][r] / column.size());
        maxLong = Math.max(maxLong, longUsd[c][r]);
        maxShort = Math.max(maxShort, shortUsd[c][r]);
      }
      Candle candle = mergedCandle(column);
      open.add(candle == null ? null : ApiJson.finite(candle.open()));
      high.add(candle == null ? null : ApiJson.finite(candle.high()));
      low.add(candle == null ? null : ApiJson.finite(candle.low()));
      close.add(candle == null ? null : ApiJson.finite(candle.close()));
      volume.add(candle == null ? null : ApiJson.finite(candle.volume()));
    }
    double[] edges = new double[rowCount == 0 ? 0 : rowCount + 1];
    for (int r = 0; r < edges.length; r++) {
      edges[r] = grid.lowerBound(firstBin + r);
    }
    HeatmapView.Grid gridDto = grid == null
        ? null
        : new HeatmapView.Grid(grid.kind().name().toLowerCase(Locale.ROOT), grid.width(), firstBin, rowCount);
    return new HeatmapView(market, modelVersion, range.fromMs(), range.toMs(), resolution.id(), immutable, newest, gridDto,
        edges, times, windows, new HeatmapView.Candles(open, high, low, close, volume), coverage, longUsd, shortUsd,
        maxLong, maxShort, io.liqheat.market.LiveView.LIMITS);
  }

  /** Consecutive rows grouped by the column their window falls in. */
  private static List<List<FrozenFrameRow>> columns(List<FrozenFrameRow> rows, HeatmapResolution resolution) {
    List<List<FrozenFrameRow>> columns = new ArrayList<>();
    long current = Long.MIN_VALUE;
    for (FrozenFrameRow row : rows) {
      long start = resolution.columnStart(row.windowStartMs());
      if (start != current) {
        columns.add(new ArrayList<>());
        current = start;
      }
      columns.get(columns.size() - 1).add(row);
    }
    return columns;
  }

  /** The grid of the shown bins, or null without frames. One model version has one grid. */
  private static PriceGrid rowGrid(List<FrozenFrameRow> rows, DisplayQuery display) {
    PriceGrid grid = null;
    for (FrozenFrameRow row : rows) {
      PriceGrid own = display.shape(row.frame()).grid();
      if (grid == null) {
        grid = own;
      } else if (!grid.equals(own)) {
        throw new IllegalStateException("frames of " + row.market() + " under " + row.modelVersion()
            + " are on different grids: " + grid + " and " + own);
      }
    }
    return grid;
  }

  /** {lowest, highest} candle low/high or close of the rows; null when none saw a price. */
  private static double[] priceSpan(List<FrozenFrameRow> rows) {
    double lowest = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    for (FrozenFrameRow row : rows) {
      for (double price : prices(row)) {
        if (Double.isFinite(price) && price > 0) {
          lowest = Math.min(lowest, price);
          highest = Math.max(highest, price);
        }
      }
    }
    return lowest <= highest ? new double[] {lowest, highest} : null;
  }

  private static double[] prices(FrozenFrameRow row) {
    Candle candle = row.candle();
    return candle == null
        ? new double[] {row.closePrice()}
        : new double[] {row.closePrice(), candle.low(), candle.high()};
  }

  private static void add(DensityFrame frame, int firstBin, double[] longUsd, double[] shortUsd) {
    int[] bins = frame.bins();
    for (int i = 0; i < bins.length; i++) {
      int r = bins[i] - firstBin;
      if (r >= 0 && r < longUsd.length) {
        longUsd[r] += frame.longUsd()[i];
        shortUsd[r] += frame.shortUsd()[i];
      }
    }
  }

  private static double meanCoverage(List<FrozenFrameRow> column) {
    double sum = 0;
    for (FrozenFrameRow row : column) {
      sum += Double.isFinite(row.coverage()) ? row.coverage() : 0;
    }
    return sum / column.size();
  }

  /** The column's windows with trades as one candle; null when none had trades. */
  private static Candle mergedCandle(List<FrozenFrameRow> column) {
    Candle merged = null;
    double volume = 0;
    boolean volumeKnown = false;
    for (FrozenFrameRow row : column) {
      Candle candle = row.candle();
      if (candle == null) {
        continue;
      }
      if (Double.isFinite(candle.volume())) {
        volume += candle.volume();
        volumeKnown = true;
      }
      merged = merged == null
          ? candle
          : new Candle(merged.open(), Math.max(merged.high(), candle.high()), Math.min(merged.low(), candle.low()),
              candle.close(), Double.NaN);
    }
    return merged == null
        ? null
        : new Candle(merged.open(), merged.high(), merged.low(), merged.close(), volumeKnown ? volume : Double.NaN);
  }

  private static double cents(double usd) {
    return Math.round(usd * 100) / 100.0;
  }
}
