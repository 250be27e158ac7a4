package io.liqheat.http;

import io.liqheat.model.Band;

/** One band on the wire: {@code side} is "long" (below price) or "short" (above). */
public record BandDto(String side, double low, double high, double notionalUsd, double intensity) {

  public static BandDto of(Band band) {
    return new BandDto(band.side().wireName(), band.low(), band.high(), band.notionalUsd(), band.intensity());
  }
}
