package io.liqheat.model;

import java.util.Arrays;
import java.util.List;

/**
 * Estimated liquidation notional in USD per price bin, for both sides: a sparse, immutable picture
 * of the book at one moment. Only bins with notional on either side are present.
 *
 * <p>Because it is in USD on a shared grid, frames of several markets of one asset add up ({@link
 * #sum}); that sum is the exchange filter of an asset view.
 *
 * @param gridKind the grid's kind
 * @param gridWidth the grid's width (fraction for relative grids, tick for absolute ones)
 * @param bins ascending bin indices
 * @param longUsd long notional per bin, aligned with {@code bins}
 * @param shortUsd short notional per bin, aligned with {@code bins}
 */
public record DensityFrame(
    PriceGrid.Kind gridKind, double gridWidth, int[] bins, double[] longUsd, double[] shortUsd) {

  /** Above this many bins a sum would need more memory than any display window justifies. */
  private static final int MAX_DENSE_SPAN = 50_000_000;

  public DensityFrame {
    if (bins.length != longUsd.length || bins.length != shortUsd.length) {
      throw new IllegalArgumentException("bins, longUsd and shortUsd must have one length");
    }
    for (int i = 1; i < bins.length; i++) {
      if (bins[i] <= bins[i - 1]) {
        throw new IllegalArgumentException("bins must strictly ascend");
      }
    }
  }

  public static DensityFrame empty(PriceGrid grid) {
    return new DensityFrame(grid.kind(), grid.width(), new int[0], new double[0], new double[0]);
  }

  public PriceGrid grid() {
    return PriceGrid.of(gridKind, gridWidth);
  }

  public int size() {
    return bins.length;
  }

  public double usd(Side side, int position) {
    return side == Side.LONG ? longUsd[position] : shortUsd[position];
  }

  public double totalUsd(Side side) {
    double total = 0.0;
    for (double usd : side == Side.LONG ? longUsd : shortUsd) {
      total += usd;
    }
    return total;
  }

  /** The same notional on a grid {@code factor} times coarser; no bin is split. */
  public DensityFrame coarsened(int factor) {
    if (factor == 1 || bins.length == 0) {
      return factor == 1 ? this : empty(grid().coarsened(factor));
    }
    PriceGrid coarse = grid().coarsened(factor);
    int[] coarseBins = new int[bins.length];
    double[] coarseLong = new double[bins.length];
    double[] coarseShort = new double[bins.length];
    int count = -1;
    for (int i = 0; i < bins.length; i++) {
      int bin = Math.floorDiv(bins[i], factor);
      if (count < 0 || coarseBins[count] != bin) {
        count++;
        coarseBins[count] = bin;
      }
      coarseLong[count] += longUsd[i];
      coarseShort[count] += shortUsd[i];
    }
    int size = count + 1;
    return new DensityFrame(
        coarse.kind(),
        coarse.width(),
        Arrays.copyOf(coarseBins, size),
        Arrays.copyOf(coarseLong, size),
        Arrays.copyOf(coarseShort, size));
  }

  /**
   * The bin-by-bin sum of frames on one grid, in the order given: the asset view over the chosen
   * exchanges. Summing in a fixed order keeps the result deterministic.
   *
   * @throws IllegalArgumentException when the frames are on different grids
   */
  public static DensityFrame sum(List<DensityFrame> frames) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("nothing to sum");
    }
    DensityFrame first = frames.get(0);
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (DensityFrame frame : frames) {
      if (frame.gridKind != first.gridKind
          || Double.doubleToLongBits(frame.gridWidth) != Double.doubleToLongBits(first.gridWidth)) {
        throw new IllegalArgumentException(
            "frames on different grids cannot be summed: " + first.grid() + " and " + frame.grid());
      }
      if (frame.bins.length > 0) {
        min = Math.min(min, frame.bins[0]);
        max = Math.max(max, frame.bins[frame.bins.length - 1]);
      }
    }
    if (min > max) {
      return empty(first.grid());
    }
    long span = (long) max - min + 1;
    if (span > MAX_DENSE_SPAN) {
      throw new IllegalArgumentException("frames span " + span + " bins, too many to sum");
    }
    double[] longSum = new double[(int) span];
    double[] shortSum = new double[(int) span];
    boolean[] present = new boolean[(int) span];
    for (DensityFrame frame : frames) {
      for (int i = 0; i < frame.bins.length; i++) {
        int at = frame.bins[i] - min;
        longSum[at] += frame.longUsd[i];
        shortSum[at] += frame.shortUsd[i];
        present[at] = true;
      }
    }
    return fromDense(first.grid(), min, longSum, shortSum, present);
  }

  /** Builds a sparse frame from dense per-bin arrays starting at bin {@code from}. */
  static DensityFrame fromDense(
      PriceGrid grid, int from, double[] longUsd, double[] shortUsd, boolean[] present) {
    int count = 0;
    for (int i = 0; i < longUsd.length; i++) {
      if (present[i]) {
        count++;
      }
    }
    int[] bins = new int[count];
    double[] longs = new double[count];
    double[] shorts = new double[count];
    int at = 0;
    for (int i = 0; i < longUsd.length; i++) {
      if (present[i]) {
        bins[at] = from + i;
        longs[at] = longUsd[i];
        shorts[at] = shortUsd[i];
        at++;
      }
    }
    return new DensityFrame(grid.kind(), grid.width(), bins, longs, shorts);
  }

  /** SHA-256 over the frame's canonical encoding. */
  public String checksum() {
    return new CanonicalHash()
        .putString(gridKind.name())
        .putDouble(gridWidth)
        .putInts(bins)
        .putDoubles(longUsd)
        .putDoubles(shortUsd)
        .hex();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DensityFrame that
        && gridKind == that.gridKind
        && Double.doubleToLongBits(gridWidth) == Double.doubleToLongBits(that.gridWidth)
        && Arrays.equals(bins, that.bins)
        && Arrays.equals(longUsd, that.longUsd)
        && Arrays.equals(shortUsd, that.shortUsd);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bins) + Arrays.hashCode(longUsd) * 17 + Arrays.hashCode(shortUsd);
  }

  @Override
  public String toString() {
    return "DensityFrame[" + grid() + ", " + bins.length + " bins, long "
        + totalUsd(Side.LONG) + " USD, short " + totalUsd(Side.SHORT) + " USD]";
  }
}
