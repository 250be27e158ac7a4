package io.liqheat.ingest.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET /v5/market/account-ratio}: rows {@code {symbol, buyRatio, sellRatio, timestamp}},
 * newest first. buyRatio and sellRatio are the shares of accounts holding longs and shorts, so the
 * long/short account ratio is their quotient. One parser per polled market, so that an error
 * answer (which names no symbol) is counted against the market it was for.
 */
public final class BybitRatioParser implements MessageParser {

  static final String ENDPOINT = "account-ratio";

  private final MarketId market;

  public BybitRatioParser(MarketId market) {
    this.market = market;
  }

  @Override
  public void parse(String message, ParseSink sink) {
    List<BackfillInputs.RatioPoint> points;
    try {
      points = points(message);
    } catch (BybitResponseException e) {
      sink.malformed(market, e.reason());
      return;
    }
    for (BackfillInputs.RatioPoint point : points) {
      sink.input(new MarketInput.LongShortRatio(market, point.timeMs(), point.longShortRatio()));
    }
  }

  /** The answer's points, oldest first; a {@link BybitResponseException} for an error or malformed answer. */
  public static List<BackfillInputs.RatioPoint> points(String body) {
    JsonNode list = BybitRest.resultList(body, ENDPOINT);
    List<BackfillInputs.RatioPoint> points = new ArrayList<>(list.size());
    for (int i = list.size() - 1; i >= 0; i--) {
      JsonNode row = list.get(i);
      BybitRest.requireObject(row, ENDPOINT);
      double buy = BybitRest.number(row, "buyRatio", ENDPOINT);
      double sell = BybitRest.number(row, "sellRatio", ENDPOINT);
      long time = BybitRest.time(row, "timestamp", ENDPOINT);
      if (!(sell > 0) || buy < 0) {
        throw BybitResponseException.malformed(ENDPOINT + " ratio out of range");
      }
      points.add(new BackfillInputs.RatioPoint(time, buy / sell));
    }
    return points;
  }
}
