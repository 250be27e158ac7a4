package io.liqheat.http;

import io.liqheat.history.FrozenFrameRow;
import java.util.List;

/**
 * One frozen frame of {@code GET /markets/{id}/frames}: the read side's row (the field set of
 * {@code liqheat frames}) with its bands cut by the request's display parameters around the
 * window's close. Unknown numbers are null.
 *
 * @param windowStart start of the five-minute window, epoch ms UTC
 * @param sequenceNr the event's sequence number in the market's journal
 * @param checksum the window's chained checksum
 * @param prevChecksum the previous window's checksum; "" for a market's first window
 * @param coverage share of the window that had input, 0..1
 * @param candle the window's trades, null when there were none
 * @param frameRange the frame keeps bins within {@code closePrice·(1 ± frameRange)}
 * @param stepCount how many model steps the window had
 */
public record FrameDto(
    long windowStart,
    long sequenceNr,
    String checksum,
    String prevChecksum,
    Double coverage,
    FrozenWindowDto.CandleDto candle,
    Double closePrice,
    Double frameRange,
    Double oiCloseBase,
    Double oiCloseUsd,
    Double printedLongUsd,
    Double printedShortUsd,
    int stepCount,
    List<BandDto> bands) {

  static FrameDto of(FrozenFrameRow row, DisplayQuery query) {
    return new FrameDto(
        row.windowStartMs(),
        row.sequenceNr(),
        row.checksum(),
        row.prevChecksum(),
        ApiJson.finite(row.coverage()),
        FrozenWindowDto.CandleDto.of(row.candle()),
        ApiJson.finite(row.closePrice()),
        ApiJson.finite(row.frameRange()),
        ApiJson.finite(row.oiCloseBase()),
        ApiJson.finite(row.oiCloseUsd()),
        ApiJson.finite(row.printedLongUsd()),
        ApiJson.finite(row.printedShortUsd()),
        row.stepCount(),
        query.bands(row.frame(), row.closePrice()));
  }
}
