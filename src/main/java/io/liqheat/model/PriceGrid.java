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
 * <p>All transcendental functions are {@link StrictMath}, so every JVM on every CPU computes the
 * same bins: frozen frames are checked bit for bit after replay on another node.
 */
public final class PriceGrid {

  public enum Kind {
    RELATIVE,
    ABSOLUTE
  }

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
    return kind == Kind.RELATIVE
        ? (int) Math.floor(StrictMath.log(price) * inverseStep)
        : (int) Math.floor(price * inverseStep);
  }

  /**
   * The bin that holds {@code price · factor}, given {@code log(price)} already computed. The model
   * opens every tier at one price per step, so it takes the logarithm once and adds each tier's
   * precomputed log factor.
   */
  int indexOfScaled(double price, double logPrice, double factor, double logFactor) {
    return kind == Kind.RELATIVE
        ? (int) Math.floor((logPrice + logFactor) * inverseStep)
        : (int) Math.floor(price * factor * inverseStep);
  }

  /** Whether {@link #indexOfScaled} wants {@code log(price)}; an absolute grid never does. */
  boolean usesLogPrices() {
    return kind == Kind.RELATIVE;
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
