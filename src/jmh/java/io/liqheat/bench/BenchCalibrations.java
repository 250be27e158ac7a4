package io.liqheat.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.model.Calibration;
import io.liqheat.model.CalibrationLoader;

/** Calibrations for the benchmarks: the shipped default, or it with a few keys overridden. */
final class BenchCalibrations {

  static final String VERSION = "v1";
  static final String PREFIX = "liqheat.model.versions." + VERSION + ".";

  private BenchCalibrations() {}

  /** {@code liqheat.model.versions.v1} exactly as reference.conf ships it. */
  static Calibration defaults() {
    return CalibrationLoader.load(ConfigFactory.load(), VERSION);
  }

  /**
   * The default calibration with {@code overrides} (HOCON, keys relative to the v1 block, e.g.
   * {@code "grid.width = 0.0001"}) laid over it, so everything not named stays the shipped default.
   */
  static Calibration withOverrides(String overrides) {
    if (overrides.isBlank()) {
      return defaults();
    }
    Config over = ConfigFactory.parseString(overrides).atPath("liqheat.model.versions." + VERSION);
    return CalibrationLoader.load(over.withFallback(ConfigFactory.load()).resolve(), VERSION);
  }
}
