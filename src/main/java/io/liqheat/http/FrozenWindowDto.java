package io.liqheat.http;

import io.liqheat.market.Candle;
import io.liqheat.market.WindowClosed;
import java.util.List;

/** An SSE {@code frozen} event: a window that is now immutable history, with its bands as frozen. */
public record FrozenWindowDto(
    String market,
    String modelVersion,
    long windowStart,
    String checksum,
    double coverage,
    CandleDto candle,
    Double closePrice,
    List<BandDto> bands) {

  /**
   * A window's candle; a window without trades has no candle at all. The volume is null where the
   * source had none (bars without volume): JSON has no NaN.
   */
  public record CandleDto(Double open, Double high, Double low, Double close, Double volume) {

    static CandleDto of(Candle candle) {
      return candle == null ? null : new CandleDto(ApiJson.finite(candle.open()), ApiJson.finite(candle.high()),
          ApiJson.finite(candle.low()), ApiJson.finite(candle.close()), ApiJson.finite(candle.volume()));
    }
  }

  static FrozenWindowDto of(WindowClosed window, DisplayQuery query) {
    List<BandDto> bands = query.bands(window.frame(), window.closePrice());
    return new FrozenWindowDto(window.market().toString(), window.modelVersion(), window.windowStartMs(),
        window.checksum(), window.coverage(), CandleDto.of(window.candle()), ApiJson.finite(window.closePrice()), bands);
  }
}
