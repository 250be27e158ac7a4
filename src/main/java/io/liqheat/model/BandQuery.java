package io.liqheat.model;

/**
 * What a viewer asks to see. It changes what is returned, never the estimate.
 *
 * @param centerPrice the price the window is centred on, usually the mark or last price
 * @param range the window is {@code centerPrice·(1 ± range)}, e.g. 0.10 for ±10 %
 * @param minIntensity bins ranked below this (0..1) are not part of any band
 * @param maxBandsPerSide the strongest this many bands of each side are returned
 */
public record BandQuery(double centerPrice, double range, double minIntensity, int maxBandsPerSide) {

  public BandQuery {
    if (!(Double.isFinite(centerPrice) && centerPrice > 0)) {
      throw new IllegalArgumentException("centerPrice must be a finite price above 0, was " + centerPrice);
    }
    if (!(range > 0 && range < 1)) {
      throw new IllegalArgumentException("range must be above 0 and below 1, was " + range);
    }
    if (!(minIntensity >= 0 && minIntensity <= 1)) {
      throw new IllegalArgumentException("minIntensity must be within 0..1, was " + minIntensity);
    }
    if (maxBandsPerSide < 1) {
      throw new IllegalArgumentException("maxBandsPerSide must be at least 1, was " + maxBandsPerSide);
    }
  }

  public double low() {
    return centerPrice * (1.0 - range);
  }

  public double high() {
    return centerPrice * (1.0 + range);
  }
}
