package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /futures/data/takerlongshortRatio} rows: {@code {buySellRatio, buyVol, sellVol,
 * timestamp}}, volumes in base units.
 *
 * <p>The connector does not poll this endpoint: live taker sides come exactly from aggTrade's
 * {@code m}, and Binance's klines carry the taker-buy base volume for backfill, so the endpoint
 * would only cost request budget. The parser is kept (and tested on real answers) for tools and for
 * a future exchange mode whose candles lack the taker split.
 */
public final class BinanceTakerRatioParser {

  private BinanceTakerRatioParser() {}

  public static List<TakerVolumePoint> parse(String body, MarketId market, ParseSink sink) {
    List<TakerVolumePoint> points = new ArrayList<>();
    RestRows.each(body, market, sink, p -> {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return "row not an object";
      }
      double buy = Double.NaN;
      double sell = Double.NaN;
      double ratio = Double.NaN;
      long time = JsonValues.NO_LONG;
      boolean hasBuy = false;
      boolean hasSell = false;
      boolean hasTime = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "buyVol" -> {
            hasBuy = true;
            buy = JsonValues.decimal(p);
          }
          case "sellVol" -> {
            hasSell = true;
            sell = JsonValues.decimal(p);
          }
          case "buySellRatio" -> ratio = JsonValues.decimal(p);
          case "timestamp" -> {
            hasTime = true;
            time = JsonValues.integer(p);
          }
          default -> p.skipChildren();
        }
      }
      if (Double.isNaN(buy)) {
        return RestRows.missingOrBad(hasBuy, "buyVol");
      }
      if (Double.isNaN(sell)) {
        return RestRows.missingOrBad(hasSell, "sellVol");
      }
      if (time == JsonValues.NO_LONG) {
        return RestRows.missingOrBad(hasTime, "timestamp");
      }
      points.add(new TakerVolumePoint(time, buy, sell, ratio));
      return null;
    });
    return points;
  }
}
