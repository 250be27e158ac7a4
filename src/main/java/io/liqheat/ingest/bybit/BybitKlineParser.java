package io.liqheat.ingest.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqheat.ingest.KlineBar;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET /v5/market/kline?interval=1}: {@code result.list} rows
 * {@code [startTime, open, high, low, close, volume, turnover]}, all strings, newest first. Volume is
 * in base coin and turnover in quote (USD); Bybit gives no taker-buy volume, so that is NaN.
 */
public final class BybitKlineParser {

  static final String ENDPOINT = "kline";
  private static final long MINUTE_MS = 60_000;

  private BybitKlineParser() {}

  /** One-minute bars, oldest first; a {@link BybitResponseException} for an error or malformed answer. */
  public static List<KlineBar> bars(String body) {
    JsonNode list = BybitRest.resultList(body, ENDPOINT);
    List<KlineBar> bars = new ArrayList<>(list.size());
    for (int i = list.size() - 1; i >= 0; i--) {
      JsonNode row = list.get(i);
      if (!row.isArray() || row.size() < 7) {
        throw BybitResponseException.malformed(ENDPOINT + " row not a 7-element array");
      }
      long start = BybitRest.timeValue(row.get(0), "startTime", ENDPOINT);
      bars.add(new KlineBar(start, start + MINUTE_MS - 1,
          number(row, 1, "open"), number(row, 2, "high"), number(row, 3, "low"), number(row, 4, "close"),
          number(row, 5, "volume"), Double.NaN, number(row, 6, "turnover")));
    }
    return bars;
  }

  private static double number(JsonNode row, int index, String field) {
    JsonNode value = row.get(index);
    if (value.isNumber()) {
      return value.asDouble();
    }
    try {
      double number = Double.parseDouble(value.asText());
      if (Double.isFinite(number) && value.isTextual()) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw BybitResponseException.malformed(ENDPOINT + " non-numeric " + field);
  }
}
