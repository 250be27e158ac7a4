package io.liqheat.model;

/** A calibration that cannot be run. The message always names the configuration key at fault. */
public final class InvalidCalibrationException extends IllegalArgumentException {
  private final String key;

  public InvalidCalibrationException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
