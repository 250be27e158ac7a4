package io.liqheat.market;

import io.liqheat.model.CanonicalHash;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.Step;
import java.util.List;

/**
 * The checksum of a frozen window: SHA-256 over a canonical encoding of every field of the window
 * and the previous window's checksum. Changing any input, any bin, or any earlier window changes it.
 */
public final class FrameChecksum {

  private FrameChecksum() {}

  public static String of(
      MarketId market,
      long windowStartMs,
      String modelVersion,
      List<Step> steps,
      Candle candle,
      double oiCloseBase,
      double oiCloseUsd,
      double coverage,
      double printedLongUsd,
      double printedShortUsd,
      double closePrice,
      double frameRange,
      DensityFrame frame,
      String prevChecksum) {
    CanonicalHash hash = new CanonicalHash()
        .putString(market.toString())
        .putLong(windowStartMs)
        .putString(modelVersion)
        .putInt(steps.size());
    for (Step step : steps) {
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
    if (candle == null) {
      hash.putInt(0);
    } else {
      hash.putInt(1)
          .putDouble(candle.open())
          .putDouble(candle.high())
          .putDouble(candle.low())
          .putDouble(candle.close())
          .putDouble(candle.volume());
    }
    return hash.putDouble(oiCloseBase)
        .putDouble(oiCloseUsd)
        .putDouble(coverage)
        .putDouble(printedLongUsd)
        .putDouble(printedShortUsd)
        .putDouble(closePrice)
        .putDouble(frameRange)
        .putString(frame.checksum())
        .putString(prevChecksum)
        .hex();
  }

  /** Recomputes an event's checksum from its content, for verification. */
  public static String recompute(WindowFrozen event) {
    return of(event.market(), event.windowStartMs(), event.modelVersion(), event.steps(), event.candle(),
        event.oiCloseBase(), event.oiCloseUsd(), event.coverage(), event.printedLongUsd(),
        event.printedShortUsd(), event.closePrice(), event.frameRange(), event.frame(), event.prevChecksum());
  }
}
