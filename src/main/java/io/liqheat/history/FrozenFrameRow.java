package io.liqheat.history;

import io.liqheat.market.Candle;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import io.liqheat.model.DensityFrame;

/**
 * One row of {@code frames_by_market_day}: a frozen window as history serves it. It is the event
 * without its steps (only their count; the journal keeps them for replay) plus the event's sequence
 * number. Unknown numbers are NaN, as in the event.
 *
 * @param market the market
 * @param modelVersion the calibration the frame was computed under
 * @param windowStartMs start of the five-minute window, epoch ms UTC
 * @param sequenceNr the event's sequence number in the market's journal
 * @param checksum the window's chained checksum
 * @param prevChecksum the previous window's checksum; empty for a market's first window
 * @param coverage share of the window that had input, 0..1
 * @param candle trades in the window, or null when there were none
 * @param oiCloseBase OI at the window's end, base units, or NaN before the first observation
 * @param oiCloseUsd the same in USD
 * @param printedLongUsd long liquidations the exchange printed in the window, USD
 * @param printedShortUsd the same for shorts
 * @param closePrice the price the frame is centred on
 * @param frameRange the frame keeps bins within {@code closePrice·(1 ± frameRange)}
 * @param stepCount how many model steps the window had
 * @param frame the density frame
 */
public record FrozenFrameRow(
    MarketId market,
    String modelVersion,
    long windowStartMs,
    long sequenceNr,
    String checksum,
    String prevChecksum,
    double coverage,
    Candle candle,
    double oiCloseBase,
    double oiCloseUsd,
    double printedLongUsd,
    double printedShortUsd,
    double closePrice,
    double frameRange,
    int stepCount,
    DensityFrame frame) {

  public static FrozenFrameRow of(WindowFrozen event, long sequenceNr) {
    return new FrozenFrameRow(
        event.market(),
        event.modelVersion(),
        event.windowStartMs(),
        sequenceNr,
        event.checksum(),
        event.prevChecksum(),
        event.coverage(),
        event.candle(),
        event.oiCloseBase(),
        event.oiCloseUsd(),
        event.printedLongUsd(),
        event.printedShortUsd(),
        event.closePrice(),
        event.frameRange(),
        event.steps().size(),
        event.frame());
  }

  /** The day partition this row lives in. */
  public String day() {
    return FrameDays.dayOf(windowStartMs);
  }
}
