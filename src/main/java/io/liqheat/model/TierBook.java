package io.liqheat.model;

import java.util.Arrays;

/**
 * The estimated open positions of one side and one leverage tier: base-unit quantity per
 * liquidation-price bin.
 *
 * <p>Quantities are stored divided by a scale factor, so closing a fraction of the whole book is one
 * multiplication, never a loop over bins. Bins live in a dense array over the occupied range only;
 * liquidations empty it from one end and {@link #foldBeyond} bounds it at the other, so its length
 * stays proportional to the book's price range.
 *
 * <p>Not thread-safe: a model belongs to one market and is stepped by one thread.
 */
final class TierBook {

  /** Below this the scale is folded back into the bins, long before a double would underflow. */
  private static final double RENORMALIZE_BELOW = 1e-100;

  private static final int INITIAL_CAPACITY = 64;

  private double[] scaled = new double[0];
  /** Bin index of {@code scaled[0]}. */
  private int base;
  /** Occupied bins lie within [lo, hi]; lo > hi means empty. Bins inside may be zero. */
  private int lo = Integer.MAX_VALUE;
  private int hi = Integer.MIN_VALUE;
  private double scale = 1.0;
  private double scaledTotal;

  boolean isEmpty() {
    return lo > hi;
  }

  int lowestBin() {
    return lo;
  }

  int highestBin() {
    return hi;
  }

  /** Base-unit quantity in the whole book. */
  double total() {
    return scaledTotal * scale;
  }

  /** Base-unit quantity in one bin. */
  double quantityAt(int bin) {
    return bin < lo || bin > hi ? 0.0 : scaled[bin - base] * scale;
  }

  void add(int bin, double quantity) {
    if (!(quantity > 0)) {
      return;
    }
    ensureCovers(bin);
    double stored = quantity / scale;
    scaled[bin - base] += stored;
    scaledTotal += stored;
  }

  /** Keeps {@code factor} (0..1) of every position: the proportional close. */
  void scaleBy(double factor) {
    if (factor == 1.0) {
      return;
    }
    if (factor <= 0) {
      clear();
      return;
    }
    scale *= factor;
    if (scale < RENORMALIZE_BELOW) {
      for (int bin = lo; bin <= hi; bin++) {
        scaled[bin - base] *= scale;
      }
      scaledTotal *= scale;
      scale = 1.0;
    }
  }

  void clear() {
    Arrays.fill(scaled, 0.0);
    lo = Integer.MAX_VALUE;
    hi = Integer.MIN_VALUE;
    scale = 1.0;
    scaledTotal = 0.0;
  }

  /** Liquidates every bin at or above {@code bin}; returns the liquidated notional in USD. */
  double liquidateAtOrAbove(int bin, PriceGrid grid) {
    if (bin > hi) {
      return 0.0;
    }
    double usd = liquidateRange(Math.max(bin, lo), hi, grid);
    hi = bin - 1;
    normalizeIfEmpty();
    return usd;
  }

  /** Liquidates every bin at or below {@code bin}; returns the liquidated notional in USD. */
  double liquidateAtOrBelow(int bin, PriceGrid grid) {
    if (bin < lo) {
      return 0.0;
    }
    double usd = liquidateRange(lo, Math.min(bin, hi), grid);
    lo = bin + 1;
    normalizeIfEmpty();
    return usd;
  }

  private double liquidateRange(int from, int to, PriceGrid grid) {
    // Most scans find nothing to liquidate; the first bin price (an exponential) is only paid for
    // when they do, and the next ones follow by multiplication.
    int first = from;
    while (first <= to && scaled[first - base] == 0.0) {
      first++;
    }
    if (first > to) {
      return 0.0;
    }
    int last = to;
    while (scaled[last - base] == 0.0) {
      last--;
    }
    // Between the first and the last occupied bin every bin is taken, empty or not: an empty bin
    // adds exactly +0.0 to both sums (bins never hold -0.0: every write stores a positive quantity
    // or +0.0), so the result is the same to the bit, and a loop without a branch on the bin's
    // content is much faster on fine grids, where occupied and empty bins alternate at random.
    // Every bin's price still follows from the one before, as it did when only occupied bins were
    // priced.
    double usd = 0.0;
    double removed = 0.0;
    double center = grid.center(first);
    for (int bin = first; ; bin++) {
      double stored = scaled[bin - base];
      usd += stored * center;
      removed += stored;
      scaled[bin - base] = 0.0;
      if (bin == last) {
        break;
      }
      center = grid.nextCenter(center);
    }
    if (center == Double.POSITIVE_INFINITY) {
      // Prices ran past the largest double: an empty bin's 0 × ∞ made the sum NaN, where taking only
      // occupied bins gives +∞ (the last bin is occupied).
      usd = Double.POSITIVE_INFINITY;
    }
    scaledTotal = Math.max(0.0, scaledTotal - removed);
    return usd * scale;
  }

  /**
   * Moves the notional of bins below {@code minBin} into {@code minBin}, and of bins above {@code
   * maxBin} into {@code maxBin}. Levels that far from price matter to no display, but their
   * notional is still open interest, so it is kept at the edge rather than dropped.
   */
  void foldBeyond(int minBin, int maxBin) {
    if (isEmpty() || (lo >= minBin && hi <= maxBin)) {
      return;
    }
    double below = takeRange(lo, Math.min(hi, minBin - 1));
    double above = takeRange(Math.max(lo, maxBin + 1), hi);
    lo = Math.max(lo, minBin);
    hi = Math.min(hi, maxBin);
    if (lo > hi) {
      lo = Integer.MAX_VALUE;
      hi = Integer.MIN_VALUE;
    }
    putStored(minBin, below);
    putStored(maxBin, above);
    shrinkIfSparse();
  }

  private double takeRange(int from, int to) {
    double taken = 0.0;
    for (int bin = from; bin <= to; bin++) {
      taken += scaled[bin - base];
      scaled[bin - base] = 0.0;
    }
    return taken;
  }

  /** Puts already-scaled quantity into a bin without changing the book's total. */
  private void putStored(int bin, double stored) {
    if (stored != 0.0) {
      ensureCovers(bin);
      scaled[bin - base] += stored;
    }
  }

  /** Adds this book's base-unit quantity in bins {@code [from, from + out.length)} to {@code out}. */
  void accumulate(int from, double[] out) {
    int start = Math.max(from, lo);
    int end = Math.min(from + out.length - 1, hi);
    for (int bin = start; bin <= end; bin++) {
      out[bin - from] += scaled[bin - base] * scale;
    }
  }

  /** Bytes of heap the bins take, for the memory budget. */
  long binBytes() {
    return 8L * scaled.length;
  }

  TierBookState state() {
    double[] bins = isEmpty() ? new double[0] : Arrays.copyOfRange(scaled, lo - base, hi - base + 1);
    return new TierBookState(isEmpty() ? 0 : lo, scale, scaledTotal, bins);
  }

  static TierBook restore(TierBookState state) {
    TierBook book = new TierBook();
    book.scale = state.scale();
    book.scaledTotal = state.scaledTotal();
    double[] bins = state.scaledBins();
    if (bins.length > 0) {
      book.scaled = bins.clone();
      book.base = state.lowestBin();
      book.lo = state.lowestBin();
      book.hi = state.lowestBin() + bins.length - 1;
    }
    return book;
  }

  private void normalizeIfEmpty() {
    if (lo > hi) {
      lo = Integer.MAX_VALUE;
      hi = Integer.MIN_VALUE;
      scaledTotal = 0.0;
      scale = 1.0;
    }
  }

  private void ensureCovers(int bin) {
    if (isEmpty()) {
      if (scaled.length == 0) {
        scaled = new double[INITIAL_CAPACITY];
      }
      base = bin - scaled.length / 2;
      lo = bin;
      hi = bin;
      return;
    }
    if (bin >= base && bin < base + scaled.length) {
      lo = Math.min(lo, bin);
      hi = Math.max(hi, bin);
      return;
    }
    int newLo = Math.min(lo, bin);
    int newHi = Math.max(hi, bin);
    relocate(newLo, newHi, Math.max(scaled.length, span(newLo, newHi) + span(newLo, newHi) / 2 + 16));
    lo = newLo;
    hi = newHi;
  }

  private void shrinkIfSparse() {
    if (!isEmpty() && scaled.length > 4 * INITIAL_CAPACITY && span(lo, hi) * 4 < scaled.length) {
      relocate(lo, hi, span(lo, hi) + span(lo, hi) / 2 + 16);
    }
  }

  /** Copies the occupied bins into an array of {@code capacity}, centring [newLo, newHi] in it. */
  private void relocate(int newLo, int newHi, int capacity) {
    double[] next = new double[capacity];
    int nextBase = newLo - (capacity - span(newLo, newHi)) / 2;
    System.arraycopy(scaled, lo - base, next, lo - nextBase, span(lo, hi));
    scaled = next;
    base = nextBase;
  }

  private static int span(int from, int to) {
    return to - from + 1;
  }
}
