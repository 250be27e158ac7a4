package io.liqheat.market;

import io.liqheat.model.CanonicalHash;
import io.liqheat.model.Step;

/**
 * The checksum of a frozen window: SHA-256 over a canonical encoding of every field of the window
 * and the previous window's checksum. Changing any input, any bin, or any earlier window changes it.
 */
public final class FrameChecksum {

  private FrameChecksum() {}

  /** The checksum of an event's content: every field but {@code checksum} itself. */
  public static String of(WindowFrozen event) {
    CanonicalHash hash = new CanonicalHash()
        .putString(event.market().toString())
        .putLong(event.windowStartMs())
        .putString(event.modelVersion())
        .putInt(event.steps().size());
    for (Step step : event.steps()) {
      hash.putLong(step.timeMs())
          .putDouble(step.open())
          .putDouble(step.high())
          .putDouble(step.low())
          .putDouble(step.close())
          .putDouble(step.vwap())
          .putDouble(step.markHigh())
          .putDouble(step.markLow())
          .putDouble(step.volume())
          .putDouble(step.takerBuyVolume())
          .putDouble(step.takerSellVolume())
          .putDouble(step.longShortRatio())
          .putDouble(step.oiBase())
          .putDouble(step.oiUsd());
    }
    if (event.candle() == null) {
      hash.putInt(0);
    } else {
      hash.putInt(1)
          .putDouble(event.candle().open())
          .putDouble(event.candle().high())
          .putDouble(event.candle().low())
          .putDouble(event.candle().close())
          .putDouble(event.candle().volume());
    }
    return hash.putDouble(event.oiCloseBase())
        .putDouble(event.oiCloseUsd())
        .putDouble(event.coverage())
        .putDouble(event.printedLongUsd())
        .putDouble(event.printedShortUsd())
        .putDouble(event.closePrice())
        .putDouble(event.frameRange())
        .putString(event.frame().checksum())
        .putString(event.prevChecksum())
        .hex();
  }
}
