package io.liqheat.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every number the model runs on, under one name. A frozen frame records the name, so history can
 * always say which calibration produced it and a rebuild can replay it under another one.
 *
 * <p>The constructor validates; an invalid calibration never reaches a model. Problems name the
 * configuration key relative to the version's block (e.g. {@code tier-weights}); {@link
 * CalibrationLoader} prefixes the full path.
 *
 * @param modelVersion the name frames record, e.g. {@code v1}
 * @param leverageTiers leverages positions are assumed to use, each above 1
 * @param tierWeights share of newly opened notional per tier, summing to 1
 * @param mmrBrackets the default maintenance-margin table, by ascending notional
 * @param mmrBracketsByMarket tables for particular markets ({@code exchange:SYMBOL})
 * @param tierBracketRule how a tier picks its bracket
 * @param grid the price bins
 * @param bookRange liquidation levels farther than this fraction from price are folded into the
 *     edge bin, which bounds memory per market without dropping notional
 * @param splitSource preferred source of the long/short split of new positions
 * @param candleBias long share above one half on an up candle (below on a down one), when the split
 *     falls back to candle direction
 * @param closingRule what an OI fall closes
 * @param seedBand the warm start spreads the first OI over entries within ± this fraction of the
 *     first price
 * @param seedPoints how many entry prices the warm start uses across that band
 * @param decayHalfLifeMs per tier, the half-life in exchange time after which half of a tier's
 *     positions have closed and reopened at the current price; 0 turns it off for that tier
 * @param turnoverPerVolume share of the book that closes and reopens at the step's VWAP per unit of
 *     traded volume ÷ OI
 * @param turnoverPerRange the same per unit of (high − low) ÷ VWAP, used when volume is unknown
 * @param maxTurnoverPerStep the largest share of the book one step may turn over
 * @param rangeBlend weight of the range × OI term in a step's estimated liquidated notional, for
 *     positions opened and closed between two steps that the book cannot place; 0 reports only what
 *     the book swept
 */
public record Calibration(
    String modelVersion,
    double[] leverageTiers,
    double[] tierWeights,
    List<MmrBracket> mmrBrackets,
    SortedMap<String, List<MmrBracket>> mmrBracketsByMarket,
    TierBracketRule tierBracketRule,
    PriceGrid grid,
    double bookRange,
    SplitSource splitSource,
    double candleBias,
    ClosingRule closingRule,
    double seedBand,
    int seedPoints,
    double[] decayHalfLifeMs,
    double turnoverPerVolume,
    double turnoverPerRange,
    double maxTurnoverPerStep,
    double rangeBlend) {

  private static final double WEIGHT_SUM_TOLERANCE = 1e-9;

  public Calibration {
    leverageTiers = leverageTiers.clone();
    tierWeights = tierWeights.clone();
    decayHalfLifeMs = decayHalfLifeMs.clone();
    mmrBrackets = List.copyOf(mmrBrackets);
    SortedMap<String, List<MmrBracket>> byMarket = new TreeMap<>();
    mmrBracketsByMarket.forEach((market, table) -> byMarket.put(market, List.copyOf(table)));
    mmrBracketsByMarket = byMarket;
    validate(
        modelVersion, leverageTiers, tierWeights, mmrBrackets, byMarket, tierBracketRule,
        bookRange, candleBias, seedBand, seedPoints, decayHalfLifeMs, turnoverPerVolume,
        turnoverPerRange, maxTurnoverPerStep, rangeBlend);
  }

  public int tierCount() {
    return leverageTiers.length;
  }

  @Override
  public double[] leverageTiers() {
    return leverageTiers.clone();
  }

  @Override
  public double[] tierWeights() {
    return tierWeights.clone();
  }

  @Override
  public double[] decayHalfLifeMs() {
    return decayHalfLifeMs.clone();
  }

  /**
   * Whether {@code text} is a well-formed model version: 1 to 64 letters, digits, '.', '_' or '-',
   * starting with a letter or digit. It names Cassandra partitions and appears in URLs.
   */
  public static boolean isModelVersion(String text) {
    return text != null && text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  }

  /** The bracket table for a market: its own if configured, the default otherwise. */
  public List<MmrBracket> bracketsFor(String marketId) {
    return mmrBracketsByMarket.getOrDefault(marketId, mmrBrackets);
  }

  /** Each tier's maintenance-margin rate in a market, by {@link #tierBracketRule}. */
  public double[] tierMaintenanceMarginRates(String marketId) {
    List<MmrBracket> brackets = bracketsFor(marketId);
    double[] rates = new double[leverageTiers.length];
    for (int tier = 0; tier < rates.length; tier++) {
      rates[tier] = tierBracketRule.bracketFor(leverageTiers[tier], brackets).maintenanceMarginRate();
    }
    return rates;
  }

  private static void validate(
      String modelVersion,
      double[] tiers,
      double[] weights,
      List<MmrBracket> brackets,
      Map<String, List<MmrBracket>> byMarket,
      TierBracketRule rule,
      double bookRange,
      double candleBias,
      double seedBand,
      int seedPoints,
      double[] halfLives,
      double turnoverPerVolume,
      double turnoverPerRange,
      double maxTurnoverPerStep,
      double rangeBlend) {
    if (!isModelVersion(modelVersion)) {
      throw new InvalidCalibrationException(
          "model-version", "must be 1 to 64 letters, digits, '.', '_' or '-', was " + modelVersion);
    }
    if (tiers.length == 0) {
      throw new InvalidCalibrationException("leverage-tiers", "needs at least one tier");
    }
    for (int i = 0; i < tiers.length; i++) {
      if (!(Double.isFinite(tiers[i]) && tiers[i] > 1)) {
        throw new InvalidCalibrationException(
            "leverage-tiers", "leverage must be above 1, tier " + i + " is " + tiers[i]);
      }
      if (i > 0 && tiers[i] <= tiers[i - 1]) {
        throw new InvalidCalibrationException("leverage-tiers", "tiers must ascend: " + Arrays.toString(tiers));
      }
    }
    if (weights.length != tiers.length) {
      throw new InvalidCalibrationException(
          "tier-weights", "has " + weights.length + " weights for " + tiers.length + " tiers");
    }
    double sum = 0;
    for (double weight : weights) {
      if (!(Double.isFinite(weight) && weight >= 0)) {
        throw new InvalidCalibrationException("tier-weights", "weights must be at least 0, found " + weight);
      }
      sum += weight;
    }
    if (Math.abs(sum - 1.0) > WEIGHT_SUM_TOLERANCE) {
      throw new InvalidCalibrationException("tier-weights", "weights must sum to 1, they sum to " + sum);
    }
    validateBrackets("mmr-brackets", brackets, tiers, rule);
    byMarket.forEach(
        (market, table) -> validateBrackets("mmr-brackets-by-market." + market, table, tiers, rule));
    requireRange("book-range", bookRange, 0.01, 10);
    requireRange("split.candle-bias", candleBias, 0, 0.5);
    requireRange("seed.band", seedBand, 0, 1);
    if (seedPoints < 1 || seedPoints > 100_000) {
      throw new InvalidCalibrationException("seed.points", "must be 1 to 100000, was " + seedPoints);
    }
    if (halfLives.length != tiers.length) {
      throw new InvalidCalibrationException(
          "decay-half-life", "has " + halfLives.length + " entries for " + tiers.length + " tiers");
    }
    for (double halfLife : halfLives) {
      if (!(Double.isFinite(halfLife) && halfLife >= 0)) {
        throw new InvalidCalibrationException("decay-half-life", "must be 0 (off) or a positive duration");
      }
    }
    requireRange("turnover.per-volume", turnoverPerVolume, 0, 1000);
    requireRange("turnover.per-range", turnoverPerRange, 0, 1000);
    requireRange("turnover.max-per-step", maxTurnoverPerStep, 0, 1);
    requireRange("range-blend", rangeBlend, 0, 1);
  }

  private static void validateBrackets(
      String key, List<MmrBracket> brackets, double[] tiers, TierBracketRule rule) {
    if (brackets.isEmpty()) {
      throw new InvalidCalibrationException(key, "needs at least one bracket");
    }
    double previousCap = 0;
    for (MmrBracket bracket : brackets) {
      if (!(bracket.notionalUpToUsd() > previousCap)) {
        throw new InvalidCalibrationException(key, "notional caps must ascend above 0");
      }
      if (!(bracket.maintenanceMarginRate() > 0 && bracket.maintenanceMarginRate() < 1)) {
        throw new InvalidCalibrationException(
            key, "mmr must be between 0 and 1, was " + bracket.maintenanceMarginRate());
      }
      if (!(bracket.maxLeverage() >= 1)) {
        throw new InvalidCalibrationException(key, "max-leverage must be at least 1");
      }
      previousCap = bracket.notionalUpToUsd();
    }
    for (double leverage : tiers) {
      MmrBracket bracket = rule.bracketFor(leverage, brackets);
      if (bracket == null) {
        throw new InvalidCalibrationException(key, "no bracket admits leverage " + leverage + "x");
      }
      // At MMR ≥ 1/L the position would be liquidated at or beyond its own entry.
      if (bracket.maintenanceMarginRate() >= 1.0 / leverage) {
        throw new InvalidCalibrationException(
            key,
            "mmr "
                + bracket.maintenanceMarginRate()
                + " is too high for "
                + leverage
                + "x: it must stay below 1/leverage = "
                + (1.0 / leverage));
      }
    }
  }

  private static void requireRange(String key, double value, double min, double max) {
    if (!(Double.isFinite(value) && value >= min && value <= max)) {
      throw new InvalidCalibrationException(key, "must be between " + min + " and " + max + ", was " + value);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Calibration that
        && modelVersion.equals(that.modelVersion)
        && Arrays.equals(leverageTiers, that.leverageTiers)
        && Arrays.equals(tierWeights, that.tierWeights)
        && mmrBrackets.equals(that.mmrBrackets)
        && mmrBracketsByMarket.equals(that.mmrBracketsByMarket)
        && tierBracketRule == that.tierBracketRule
        && grid.equals(that.grid)
        && bookRange == that.bookRange
        && splitSource == that.splitSource
        && candleBias == that.candleBias
        && closingRule == that.closingRule
        && seedBand == that.seedBand
        && seedPoints == that.seedPoints
        && Arrays.equals(decayHalfLifeMs, that.decayHalfLifeMs)
        && turnoverPerVolume == that.turnoverPerVolume
        && turnoverPerRange == that.turnoverPerRange
        && maxTurnoverPerStep == that.maxTurnoverPerStep
        && rangeBlend == that.rangeBlend;
  }

  @Override
  public int hashCode() {
    return modelVersion.hashCode() * 31 + Arrays.hashCode(leverageTiers);
  }

  @Override
  public String toString() {
    return "Calibration[" + modelVersion + ", tiers=" + Arrays.toString(leverageTiers)
        + ", weights=" + Arrays.toString(tierWeights) + ", grid=" + grid + "]";
  }
}
