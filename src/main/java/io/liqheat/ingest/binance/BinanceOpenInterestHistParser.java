package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.BackfillInputs.OpenInterestPoint;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /futures/data/openInterestHist} rows: {@code {symbol, sumOpenInterest (base),
 * sumOpenInterestValue (USD), timestamp}}; newer answers also carry CMCCirculatingSupply, ignored.
 */
public final class BinanceOpenInterestHistParser {

  private BinanceOpenInterestHistParser() {}

  public static List<OpenInterestPoint> parse(String body, MarketId market, ParseSink sink) {
    List<OpenInterestPoint> points = new ArrayList<>();
    RestRows.each(body, market, sink, p -> {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return "row not an object";
      }
      double base = Double.NaN;
      double usd = Double.NaN;
      long time = JsonValues.NO_LONG;
      boolean hasBase = false;
      boolean hasUsd = false;
      boolean hasTime = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "sumOpenInterest" -> {
            hasBase = true;
            base = JsonValues.decimal(p);
          }
          case "sumOpenInterestValue" -> {
            hasUsd = true;
            usd = JsonValues.decimal(p);
          }
          case "timestamp" -> {
            hasTime = true;
            time = JsonValues.integer(p);
          }
          default -> p.skipChildren();
        }
      }
      if (Double.isNaN(base)) {
        return RestRows.missingOrBad(hasBase, "sumOpenInterest");
      }
      if (Double.isNaN(usd)) {
        return RestRows.missingOrBad(hasUsd, "sumOpenInterestValue");
      }
      if (time == JsonValues.NO_LONG) {
        return RestRows.missingOrBad(hasTime, "timestamp");
      }
      points.add(new OpenInterestPoint(time, base, usd));
      return null;
    });
    return points;
  }
}
