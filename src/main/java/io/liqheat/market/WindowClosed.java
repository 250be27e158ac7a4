package io.liqheat.market;

import io.liqheat.model.DensityFrame;

/**
 * A window was frozen and its event persisted: sent after the write, never before, so a subscriber
 * told of a frozen window can rely on it being in the journal (the read side follows within seconds).
 *
 * @param candle the window's trades, or null when it had none
 * @param frame the frozen density around {@code closePrice}
 */
public record WindowClosed(
    MarketId market,
    String modelVersion,
    long windowStartMs,
    String checksum,
    double coverage,
    Candle candle,
    double closePrice,
    DensityFrame frame) implements LiveUpdate {

  public static WindowClosed of(WindowFrozen event) {
    return new WindowClosed(event.market(), event.modelVersion(), event.windowStartMs(), event.checksum(),
        event.coverage(), event.candle(), event.closePrice(), event.frame());
  }
}
