package io.liqheat.market;

import io.liqheat.model.DensityFrame;
import io.liqheat.model.Step;
import java.util.List;

/**
 * The one event of a market: a five-minute window of exchange time, frozen for good.
 *
 * <p>It carries the window's model inputs ({@code steps}), so that replaying the journal through
 * the same calibration reproduces every frame bit for bit, and the frame itself, so that history
 * can be served without replaying. The checksum covers a canonical encoding of everything here and
 * the previous window's checksum, which chains the market's history.
 *
 * @param market the market
 * @param windowStartMs start of {@code [start, start + 300 s)}
 * @param modelVersion the calibration the frame was computed under
 * @param steps the model steps whose OI observation fell in the window, in order
 * @param candle trades in the window, or null when there were none
 * @param oiCloseBase last OI observed up to the window's end, base units (NaN before the first)
 * @param oiCloseUsd the same in USD
 * @param coverage share of the window's 10-second slots that had any input, 0..1
 * @param printedLongUsd liquidations of longs the exchange printed in the window, USD
 * @param printedShortUsd the same for shorts
 * @param closePrice the price the frame is centred on: the window's last trade, else the last known
 * @param frameRange the frame keeps bins within {@code closePrice·(1 ± frameRange)}
 * @param frame the model's USD density within that range
 * @param checksum SHA-256 over the canonical encoding, chained to {@code prevChecksum}
 * @param prevChecksum the previous window's checksum; empty for a market's first window
 */
public record WindowFrozen(
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
    String checksum,
    String prevChecksum) implements CborSerializable {

  /** Every event is tagged so that the read side can follow all markets in one query. */
  public static final String TAG = "window-frozen";

  public WindowFrozen {
    steps = List.copyOf(steps);
  }

  /** The event for a window's content, its checksum computed over that content and the chain. */
  public static WindowFrozen chained(
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
    WindowFrozen unsigned = new WindowFrozen(market, windowStartMs, modelVersion, steps, candle, oiCloseBase,
        oiCloseUsd, coverage, printedLongUsd, printedShortUsd, closePrice, frameRange, frame, "", prevChecksum);
    return new WindowFrozen(market, windowStartMs, modelVersion, unsigned.steps(), candle, oiCloseBase, oiCloseUsd,
        coverage, printedLongUsd, printedShortUsd, closePrice, frameRange, frame, FrameChecksum.of(unsigned),
        prevChecksum);
  }
}
