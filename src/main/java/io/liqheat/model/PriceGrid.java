package io.liqheat.model;

/**
 * The price axis, cut into bins that are numbered by integers.
 *
 * <p>A {@link Kind#RELATIVE} grid is geometric: every bin spans the same fraction of its price
 * ({@code width}, e.g. 0.0005 for 0.05 %), and bin {@code i} is {@code [(1+w)^i, (1+w)^(i+1))}.
 * Unlike a linear grid derived from one reference price, its bins keep the same relative width as
 * the price wanders, and two markets of one asset share the same bin numbers, so their USD
 * densities add up bin by bin without re-binning. An {@link Kind#ABSOLUTE} grid has a fixed tick
 * and bin {@code i} is {@code [i·tick, (i+1)·tick)}.
 *
 * <p>Every bin number is the one {@link StrictMath} gives, so every JVM on every CPU computes the
 * same bins: frozen frames are checked bit for bit after replay on another node. The logarithm
 * behind a relative bin is first taken with {@link Math#log}, which is several times cheaper, and
 * {@link StrictMath#log} only decides the rare price that lies too close to a bin edge for that to
 * be certain (see {@link #binOfLog}).
 */
public final class PriceGrid {

  public enum Kind {
    RELATIVE,
    ABSOLUTE
  }

  /** What {@link #binOfLog} answers when only {@link StrictMath#log} can tell the bin. */
  private static final int UNDECIDED = Integer.MIN_VALUE;

  private final Kind kind;
  private final double width;
  private final double logStep;
  private final double inverseStep;

  private PriceGrid(Kind kind, double width) {
    if (!(Double.isFinite(width) && width > 0)) {
      throw new IllegalArgumentException("grid width must be a finite number above 0, was " + width);
    }
    this.kind = kind;
    this.width = width;
    this.logStep = kind == Kind.RELATIVE ? StrictMath.log1p(width) : width;
    this.inverseStep = 1.0 / logStep;
  }

  /** A geometric grid whose bins are each {@code fraction} of their price wide. */
  public static PriceGrid relative(double fraction) {
    return new PriceGrid(Kind.RELATIVE, fraction);
  }

  /** A linear grid with bins {@code tick} wide. */
  public static PriceGrid absolute(double tick) {
    return new PriceGrid(Kind.ABSOLUTE, tick);
  }

  public static PriceGrid of(Kind kind, double width) {
    return new PriceGrid(kind, width);
  }

  public Kind kind() {
    return kind;
  }

  public double width() {
    return width;
  }

  /** The bin that holds {@code price}. */
  public int indexOf(double price) {
    if (kind == Kind.ABSOLUTE) {
      return (int) Math.floor(price * inverseStep);
    }
    int bin = binOfLog(Math.log(price), 0.0);
    return bin != UNDECIDED ? bin : strictBinOfLog(StrictMath.log(price), 0.0);
  }

  /**
   * The bins of {@code price · factors[i]}, into {@code bins[i]}, for every i: the bins that {@link
   * #indexOfScaled} gives with {@code logPrice = StrictMath.log(price)}. The model opens every tier
   * at one price per step, so one logarithm serves them all.
   */
  void indicesOfScaled(double price, double[] factors, double[] logFactors, int[] bins) {
    if (kind == Kind.ABSOLUTE) {
      for (int i = 0; i < factors.length; i++) {
        bins[i] = (int) Math.floor(price * factors[i] * inverseStep);
      }
      return;
    }
    double fastLog = Math.log(price);
    double strictLog = Double.NaN;
    for (int i = 0; i < factors.length; i++) {
      int bin = binOfLog(fastLog, logFactors[i]);
      if (bin == UNDECIDED) {
        if (Double.isNaN(strictLog)) {
          strictLog = StrictMath.log(price);
        }
        bin = strictBinOfLog(strictLog, logFactors[i]);
      }
      bins[i] = bin;
    }
  }

  /**
   * The bin {@code floor((StrictMath.log(p) + logOffset) · inverseStep)}, worked out from {@code
   * fastLog = Math.log(p)}; {@link #UNDECIDED} when that is not certain.
   *
   * <p>Why the answer is exact: {@code Math.log} and {@code StrictMath.log} are each within 1 ulp
   * of the true logarithm (the {@link Math#log} contract), so they differ by less than 4 ulps of
   * {@code fastLog} (the true value may sit one binade up, where ulps are twice as large). The
   * strict logarithm therefore lies within {@code fastLog ± 8 ulps}, and since rounded addition, a
   * rounded multiplication by the positive {@code inverseStep} and {@code floor} never decrease, its
   * bin lies between the bins of the two ends of that interval. When both ends fall in one bin, that
   * is the bin. They differ only for a price whose logarithm lies within 16 ulps of a bin edge
   * (about 10<sup>-14</sup> of the price at BTC prices); then the caller takes {@code
   * StrictMath.log}. A NaN or infinite logarithm makes the ends
   * NaN, which never compare equal, so those cases go the strict way too.
   */
  private int binOfLog(double fastLog, double logOffset) {
    double margin = 8 * Math.ulp(fastLog);
    double lowest = Math.floor((fastLog - margin + logOffset) * inverseStep);
    double highest = Math.floor((fastLog + margin + logOffset) * inverseStep);
    // UNDECIDED is also (int) of any value at or below it; such a bin is then found the strict way.
    return lowest == highest ? (int) lowest : UNDECIDED;
  }

  /** The bin of {@code strictLog + logOffset}: the definition that {@link #binOfLog} reproduces. */
  private int strictBinOfLog(double strictLog, double logOffset) {
    return (int) Math.floor((strictLog + logOffset) * inverseStep);
  }

  /**
   * The bin that holds {@code price · factor}, given {@code log(price)} already computed: the seed
   * derives its entry prices from their logarithms, and adds each tier's precomputed log factor.
   */
  int indexOfScaled(double price, double logPrice, double factor, double logFactor) {
    return kind == Kind.RELATIVE
        ? (int) Math.floor((logPrice + logFactor) * inverseStep)
        : (int) Math.floor(price * factor * inverseStep);
  }

  public double lowerBound(int index) {
    return kind == Kind.RELATIVE ? StrictMath.exp(index * logStep) : index * width;
  }

  public double upperBound(int index) {
    return lowerBound(index + 1);
  }

  /** The price that stands for the whole bin: its geometric or arithmetic middle. */
  public double center(int index) {
    return kind == Kind.RELATIVE ? StrictMath.exp((index + 0.5) * logStep) : (index + 0.5) * width;
  }

  /**
   * The centre of the bin after the one centred at {@code center}. Walking a run of bins this way
   * costs one multiplication a bin instead of an exponential; the result is as deterministic as
   * {@link #center}, though it may differ from it in the last bits.
   */
  double nextCenter(double center) {
    return kind == Kind.RELATIVE ? center * (1.0 + width) : center + width;
  }

  /**
   * A grid {@code factor} times coarser whose bin {@code i} holds exactly this grid's bins {@code
   * [i·factor, (i+1)·factor)}, so coarsening moves notional between bins without splitting any.
   */
  public PriceGrid coarsened(int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("coarsening factor must be at least 1, was " + factor);
    }
    if (factor == 1) {
      return this;
    }
    return kind == Kind.RELATIVE
        ? new PriceGrid(Kind.RELATIVE, StrictMath.expm1(logStep * factor))
        : new PriceGrid(Kind.ABSOLUTE, width * factor);
  }

  /** The coarsening factor (≥ 1) that comes closest to bins {@code targetWidth} wide. */
  public int factorFor(double targetWidth) {
    double target = kind == Kind.RELATIVE ? StrictMath.log1p(targetWidth) : targetWidth;
    return (int) Math.max(1, Math.round(target / logStep));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PriceGrid grid
        && grid.kind == kind
        && Double.doubleToLongBits(grid.width) == Double.doubleToLongBits(width);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Double.hashCode(width);
  }

  @Override
  public String toString() {
    return kind == Kind.RELATIVE ? "relative(" + width + ")" : "absolute(" + width + ")";
  }
}
