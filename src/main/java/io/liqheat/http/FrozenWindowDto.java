package io.liqheat.http;

import io.liqheat.market.Candle;
import io.liqheat.market.WindowClosed;
import io.liqheat.model.BandExtractor;
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

  /** A window's candle; null fields never occur, a window without trades has no candle at all. */
  public record CandleDto(double open, double high, double low, double close, double volume) {

    static CandleDto of(Candle candle) {
      return candle == null ? null : new CandleDto(candle.open(), candle.high(), candle.low(), candle.close(), candle.volume());
    }
  }

  static FrozenWindowDto of(WindowClosed window, DisplayQuery query) {
    List<BandDto> bands = Double.isFinite(window.closePrice()) && window.frame() != null
        ? BandExtractor.extract(query.shape(window.frame()), query.bandQuery(window.closePrice())).stream()
            .map(BandDto::of).toList()
        : List.of();
    return new FrozenWindowDto(window.market().toString(), window.modelVersion(), window.windowStartMs(),
        window.checksum(), window.coverage(), CandleDto.of(window.candle()), ApiJson.finite(window.closePrice()), bands);
  }
}
