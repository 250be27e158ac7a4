package io.liqheat.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a density frame into bands for one viewer's window.
 *
 * <p>Each side is ranked on its own: a bin's intensity is its mid-rank among that side's non-empty
 * bins in view, divided by their count, so the most concentrated level of each side is 1. One shared
 * scale would let a heavy side wash out the other side's structure. Runs of adjacent bins at or
 * above the minimum intensity merge into a band, whose intensity is its strongest bin's.
 *
 * <p>It reads the frame and allocates its own result; it never touches the model.
 */
public final class BandExtractor {

  private static final Comparator<Band> STRONGEST_FIRST =
      Comparator.comparingDouble(Band::intensity)
          .reversed()
          .thenComparing(Comparator.comparingDouble(Band::notionalUsd).reversed())
          .thenComparingDouble(Band::low);

  private BandExtractor() {}

  /** Bands of both sides in view, ascending by price. */
  public static List<Band> extract(DensityFrame frame, BandQuery query) {
    PriceGrid grid = frame.grid();
    int[] bins = frame.bins();
    int from = lowerBound(bins, grid.indexOf(query.low()));
    int to = lowerBound(bins, grid.indexOf(query.high()) + 1);
    List<Band> bands = new ArrayList<>();
    bands.addAll(sideBands(Side.LONG, frame.longUsd(), bins, from, to, grid, query));
    bands.addAll(sideBands(Side.SHORT, frame.shortUsd(), bins, from, to, grid, query));
    bands.sort(Comparator.comparingDouble(Band::low).thenComparing(Band::side));
    return bands;
  }

  private static List<Band> sideBands(
      Side side, double[] usd, int[] bins, int from, int to, PriceGrid grid, BandQuery query) {
    double[] ranked = nonEmptySorted(usd, from, to);
    int count = ranked.length;
    // Intensity only rises with notional, so "ranked at or above the minimum" is "at or above one
    // notional threshold": one search per side instead of a rank per bin.
    double threshold = thresholdFor(ranked, query.minIntensity());
    List<Band> bands = new ArrayList<>();
    int runStart = -1;
    double runUsd = 0.0;
    double runMax = 0.0;
    for (int i = from; i <= to; i++) {
      boolean inBand = i < to && usd[i] > 0 && usd[i] >= threshold;
      boolean contiguous = runStart >= 0 && i < to && bins[i] == bins[i - 1] + 1;
      if (runStart >= 0 && !(inBand && contiguous)) {
        bands.add(new Band(side, grid.lowerBound(bins[runStart]), grid.upperBound(bins[i - 1]), runUsd,
            midRank(ranked, runMax) / count));
        runStart = -1;
      }
      if (inBand) {
        if (runStart < 0) {
          runStart = i;
          runUsd = 0.0;
          runMax = 0.0;
        }
        runUsd += usd[i];
        runMax = Math.max(runMax, usd[i]);
      }
    }
    if (bands.size() > query.maxBandsPerSide()) {
      bands.sort(STRONGEST_FIRST);
      return bands.subList(0, query.maxBandsPerSide());
    }
    return bands;
  }

  /** The smallest notional whose intensity reaches {@code minIntensity}; +∞ when none does. */
  private static double thresholdFor(double[] sorted, double minIntensity) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (midRank(sorted, sorted[mid]) / sorted.length >= minIntensity) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low < sorted.length ? sorted[low] : Double.POSITIVE_INFINITY;
  }

  private static double[] nonEmptySorted(double[] usd, int from, int to) {
    double[] values = new double[to - from];
    int count = 0;
    for (int i = from; i < to; i++) {
      if (usd[i] > 0) {
        values[count++] = usd[i];
      }
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return sorted;
  }

  /** The 1-based rank of {@code value} in {@code sorted}, averaged over ties. */
  private static double midRank(double[] sorted, double value) {
    int first = lowerBound(sorted, value);
    int last = lowerBound(sorted, Math.nextUp(value)) - 1;
    return (first + last) / 2.0 + 1.0;
  }

  private static int lowerBound(int[] sorted, int key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static int lowerBound(double[] sorted, double key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
