package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.BackfillInputs.RatioPoint;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /futures/data/globalLongShortAccountRatio} rows: {@code {symbol, longShortRatio,
 * longAccount, shortAccount, timestamp}}. {@code longShortRatio} is already accounts long ÷ accounts
 * short, liqheat's definition; when it is missing it is derived from the two shares.
 */
public final class BinanceAccountRatioParser {

  private BinanceAccountRatioParser() {}

  /** The poller's parser: the body names no market the parser could trust, so the call binds it. */
  public static MessageParser forMarket(MarketId market) {
    return (body, sink) -> {
      for (RatioPoint point : parse(body, market, sink)) {
        sink.input(new MarketInput.LongShortRatio(market, point.timeMs(), point.longShortRatio()));
      }
    };
  }

  public static List<RatioPoint> parse(String body, MarketId market, ParseSink sink) {
    List<RatioPoint> points = new ArrayList<>();
    RestRows.each(body, market, sink, p -> {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return "row not an object";
      }
      double ratio = Double.NaN;
      double longShare = Double.NaN;
      double shortShare = Double.NaN;
      long time = JsonValues.NO_LONG;
      boolean hasRatio = false;
      boolean hasTime = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "longShortRatio" -> {
            hasRatio = true;
            ratio = JsonValues.decimal(p);
          }
          case "longAccount" -> longShare = JsonValues.decimal(p);
          case "shortAccount" -> shortShare = JsonValues.decimal(p);
          case "timestamp" -> {
            hasTime = true;
            time = JsonValues.integer(p);
          }
          default -> p.skipChildren();
        }
      }
      if (Double.isNaN(ratio) && shortShare > 0) {
        ratio = longShare / shortShare;
      }
      if (Double.isNaN(ratio)) {
        return RestRows.missingOrBad(hasRatio, "longShortRatio");
      }
      if (time == JsonValues.NO_LONG) {
        return RestRows.missingOrBad(hasTime, "timestamp");
      }
      points.add(new RatioPoint(time, ratio));
      return null;
    });
    return points;
  }
}
