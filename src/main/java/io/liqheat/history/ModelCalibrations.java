package io.liqheat.history;

import com.typesafe.config.Config;
import io.liqheat.model.Calibration;
import io.liqheat.model.CalibrationLoader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calibrations configured under {@code liqheat.model.versions}, each loaded once: markets
 * replayed in parallel share one instance per version, and {@link Refreezer} tells runs of windows
 * apart by that identity.
 */
final class ModelCalibrations {

  private final Config config;
  private final Map<String, Optional<Calibration>> loaded = new ConcurrentHashMap<>();

  ModelCalibrations(Config config) {
    this.config = config;
  }

  /**
   * The calibration of {@code version}, or empty when it is not configured.
   *
   * @throws io.liqheat.model.InvalidCalibrationException when it is configured but cannot be run
   */
  Optional<Calibration> find(String version) {
    return loaded.computeIfAbsent(version, v ->
        CalibrationLoader.configuredVersions(config).contains(v)
            ? Optional.of(CalibrationLoader.load(config, v))
            : Optional.empty());
  }

  /**
   * @throws io.liqheat.model.InvalidCalibrationException naming {@code liqheat.model.versions.<version>}
   *     when it is not configured or cannot be run
   */
  Calibration require(String version) {
    return find(version).orElseGet(() -> CalibrationLoader.load(config, version));
  }
}
