package io.liqheat.http;

import java.util.List;

/**
 * The answer of {@code GET /markets/{id}/heatmap}: a time × price matrix for charts, column-major
 * and NaN-free. Column {@code c} spans {@code [times[c], times[c] + resolution)} and merges the
 * {@code windows[c]} frozen windows in it; row {@code r} is the price bin {@code [priceEdges[r],
 * priceEdges[r+1])}. Columns exist only where a window froze, so a gap in the data is a gap in
 * {@code times}.
 *
 * @param grid the rows' price grid
 * @param priceEdges {@code rows + 1} ascending bin edges
 * @param times column starts, epoch ms UTC, ascending
 * @param windows how many frozen windows each column merges
 * @param candles one OHLCV per column, entries null where the column had no trades
 * @param coverage per column, the mean share of its windows that had input
 * @param longUsd {@code [column][row]}: mean estimated long liquidation notional, USD (cents)
 * @param shortUsd the same for shorts
 * @param maxLongUsd the largest cell of {@code longUsd}, for a colour scale per side
 * @param maxShortUsd the largest cell of {@code shortUsd}
 */
public record HeatmapView(
    String market,
    String modelVersion,
    long from,
    long to,
    String resolution,
    boolean immutable,
    Long newestFrozenWindow,
    Grid grid,
    double[] priceEdges,
    long[] times,
    int[] windows,
    Candles candles,
    double[] coverage,
    double[][] longUsd,
    double[][] shortUsd,
    double maxLongUsd,
    double maxShortUsd,
    String limits) {

  /**
   * The rows' grid: the model's grid coarsened to {@code binWidth}. Row {@code r} is the grid's bin
   * {@code firstBin + r}.
   *
   * @param kind "relative" (width a fraction of price) or "absolute" (width in price units)
   */
  public record Grid(String kind, double width, int firstBin, int rows) {}

  /** Per-column candles, merged over the column's windows: first open, highest high, lowest low, last close, summed volume. */
  public record Candles(List<Double> open, List<Double> high, List<Double> low, List<Double> close, List<Double> volume) {}
}
