package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /fapi/v1/klines} rows: {@code [openTime, open, high, low, close, volume, closeTime,
 * quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore]}, decimals as strings.
 */
public final class BinanceKlinesParser {

  private static final int COLUMNS = 11;

  private BinanceKlinesParser() {}

  public static List<KlineBar> parse(String body, MarketId market, ParseSink sink) {
    List<KlineBar> bars = new ArrayList<>();
    RestRows.each(body, market, sink, p -> {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        return "row not an array";
      }
      double[] values = new double[COLUMNS];
      long openTime = JsonValues.NO_LONG;
      long closeTime = JsonValues.NO_LONG;
      int column = 0;
      String problem = null;
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new java.io.EOFException("kline row cut off");
        }
        if (column == 0) {
          openTime = JsonValues.integer(p);
        } else if (column == 6) {
          closeTime = JsonValues.integer(p);
        } else if (column < COLUMNS) {
          values[column] = JsonValues.decimal(p);
          if (problem == null && Double.isNaN(values[column]) && column != 8) {
            problem = "non-numeric column " + column;
          }
        } else {
          p.skipChildren();
        }
        column++;
      }
      if (column < COLUMNS) {
        return "short row";
      }
      if (openTime == JsonValues.NO_LONG || closeTime == JsonValues.NO_LONG) {
        return "non-numeric time";
      }
      if (problem != null) {
        return problem;
      }
      bars.add(new KlineBar(openTime, closeTime, values[1], values[2], values[3], values[4], values[5], values[9], values[7]));
      return null;
    });
    return bars;
  }
}
