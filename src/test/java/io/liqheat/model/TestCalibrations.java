package io.liqheat.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Calibrations for tests: the shipped defaults, or a version block overridden in HOCON. */
final class TestCalibrations {

  static final String MARKET = "binance:BTCUSDT";

  private TestCalibrations() {}

  static Config config(String versionOverrides) {
    ConfigFactory.invalidateCaches();
    return ConfigFactory.parseString("liqheat.model.versions.v1 { " + versionOverrides + " }")
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  static Calibration defaults() {
    return CalibrationLoader.load(ConfigFactory.defaultReference().resolve(), "v1");
  }

  static Calibration with(String versionOverrides) {
    return CalibrationLoader.load(config(versionOverrides), "v1");
  }

  /**
   * Two tiers (10x and 100x, half each), no turnover, no decay, no range blend, the first bracket
   * for every tier: small enough to compute expectations by hand.
   */
  static Calibration plain() {
    return with(
        "leverage-tiers = [10, 100], tier-weights = [0.5, 0.5], tier-bracket = smallest,"
            + " decay-half-life = [0, 0], turnover.per-range = 0, turnover.per-volume = 0,"
            + " range-blend = 0, split.candle-bias = 0, seed.band = 0.02, seed.points = 5");
  }
}
