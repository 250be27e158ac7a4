package io.liqheat.model;

/**
 * One OI observation together with what traded since the previous one. This is the model's only
 * input.
 *
 * <p>Optional quantities are {@link Double#NaN} when the source does not provide them; a record of
 * primitives keeps the hot path free of boxing and of {@code Optional} allocations.
 *
 * @param timeMs exchange event time of the OI observation, epoch milliseconds UTC
 * @param open first trade price since the previous step
 * @param high highest trade price
 * @param low lowest trade price
 * @param close last trade price
 * @param vwap volume-weighted average trade price; new positions open here
 * @param markHigh highest mark price, or NaN when unknown
 * @param markLow lowest mark price, or NaN when unknown
 * @param volume traded volume in base units, or NaN when unknown
 * @param takerBuyVolume taker buy volume in base units, or NaN when unknown
 * @param takerSellVolume taker sell volume in base units, or NaN when unknown
 * @param longShortRatio long/short account ratio (longs ÷ shorts), or NaN when unknown
 * @param oiBase open interest in base units at {@code timeMs}
 * @param oiUsd open interest in USD at {@code timeMs}
 */
public record Step(
    long timeMs,
    double open,
    double high,
    double low,
    double close,
    double vwap,
    double markHigh,
    double markLow,
    double volume,
    double takerBuyVolume,
    double takerSellVolume,
    double longShortRatio,
    double oiBase,
    double oiUsd) {

  /**
   * A step from an OHLC bar with OI in USD at its close, as in the backtest files. The bar has no
   * VWAP, so the typical price (H+L+C)/3 stands in for it; OI in base units is OI in USD at the
   * close price.
   */
  public static Step ofBar(
      long timeMs, double open, double high, double low, double close, double oiUsd) {
    double nan = Double.NaN;
    return new Step(
        timeMs, open, high, low, close, (high + low + close) / 3.0, nan, nan, nan, nan, nan, nan,
        oiUsd / close, oiUsd);
  }

  public Step withVolumes(double volume, double takerBuyVolume, double takerSellVolume) {
    return new Step(
        timeMs, open, high, low, close, vwap, markHigh, markLow, volume, takerBuyVolume,
        takerSellVolume, longShortRatio, oiBase, oiUsd);
  }

  public Step withLongShortRatio(double ratio) {
    return new Step(
        timeMs, open, high, low, close, vwap, markHigh, markLow, volume, takerBuyVolume,
        takerSellVolume, ratio, oiBase, oiUsd);
  }

  public Step withMark(double markHigh, double markLow) {
    return new Step(
        timeMs, open, high, low, close, vwap, markHigh, markLow, volume, takerBuyVolume,
        takerSellVolume, longShortRatio, oiBase, oiUsd);
  }

  public boolean hasMark() {
    return !Double.isNaN(markHigh) && !Double.isNaN(markLow);
  }

  /** The low that liquidates longs: the mark price where known, since exchanges liquidate on it. */
  public double liquidationLow() {
    return hasMark() ? markLow : low;
  }

  /** The high that liquidates shorts. */
  public double liquidationHigh() {
    return hasMark() ? markHigh : high;
  }

  /**
   * Checks everything the model relies on, so that a bad step is refused before it touches state.
   *
   * @throws InvalidStepException naming the first field at fault
   */
  public void validate() {
    requirePositive("open", open);
    requirePositive("high", high);
    requirePositive("low", low);
    requirePositive("close", close);
    requirePositive("vwap", vwap);
    if (high < low) {
      throw new InvalidStepException("high " + high + " is below low " + low + " at " + timeMs);
    }
    // A bar's typical price, or a VWAP from rounded trade prices, may sit a hair outside the range.
    double slack = (high - low) * 1e-9 + high * 1e-12;
    if (vwap < low - slack || vwap > high + slack) {
      throw new InvalidStepException(
          "vwap " + vwap + " is outside the trade range [" + low + ", " + high + "] at " + timeMs);
    }
    if (Double.isNaN(markHigh) != Double.isNaN(markLow)) {
      throw new InvalidStepException("mark high and low must both be known or both unknown");
    }
    if (hasMark()) {
      requirePositive("markHigh", markHigh);
      requirePositive("markLow", markLow);
      if (markHigh < markLow) {
        throw new InvalidStepException(
            "mark high " + markHigh + " is below mark low " + markLow + " at " + timeMs);
      }
    }
    requireNonNegativeOrUnknown("volume", volume);
    requireNonNegativeOrUnknown("takerBuyVolume", takerBuyVolume);
    requireNonNegativeOrUnknown("takerSellVolume", takerSellVolume);
    requireNonNegativeOrUnknown("longShortRatio", longShortRatio);
    requireNonNegative("oiBase", oiBase);
    requireNonNegative("oiUsd", oiUsd);
  }

  private void requirePositive(String field, double value) {
    if (!(Double.isFinite(value) && value > 0)) {
      throw new InvalidStepException(field + " must be a finite price above 0, was " + value + " at " + timeMs);
    }
  }

  private void requireNonNegative(String field, double value) {
    if (!(Double.isFinite(value) && value >= 0)) {
      throw new InvalidStepException(field + " must be finite and at least 0, was " + value + " at " + timeMs);
    }
  }

  private void requireNonNegativeOrUnknown(String field, double value) {
    if (!Double.isNaN(value)) {
      requireNonNegative(field, value);
    }
  }
}
