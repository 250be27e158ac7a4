package io.liqheat.ingest.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqheat.ingest.KlineBar;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET /api/v5/market/history-candles?bar=1m}: rows
 * {@code [ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm]}, newest first, where {@code ts} opens the
 * candle, {@code vol} counts contracts, {@code volCcy} base units and {@code volCcyQuote} the quote
 * currency. OKX gives no taker-buy volume for candles.
 */
public final class OkxCandleParser {

  private static final long MINUTE_MS = 60_000;

  private OkxCandleParser() {}

  /** Closed candles ({@code confirm} = 1) in the answer's order; an open candle is left out. */
  public static List<KlineBar> bars(String body) {
    JsonNode data = OkxRestAnswer.data(body);
    List<KlineBar> bars = new ArrayList<>(data.size());
    for (JsonNode row : data) {
      if (!row.isArray() || row.size() < 7) {
        throw new IllegalArgumentException("wrong type candle row");
      }
      if (row.size() >= 9 && !"1".equals(row.get(8).asText())) {
        continue;
      }
      long open = OkxRestAnswer.time(row.get(0));
      double[] values = new double[7];
      for (int i = 1; i <= 6; i++) {
        values[i] = OkxRestAnswer.number(row.get(i));
        if (Double.isNaN(values[i])) {
          throw new IllegalArgumentException("non-numeric candle field " + i);
        }
      }
      double quote = row.size() >= 8 ? OkxRestAnswer.number(row.get(7)) : Double.NaN;
      bars.add(new KlineBar(open, open + MINUTE_MS - 1, values[1], values[2], values[3], values[4], values[6],
          Double.NaN, quote));
    }
    return bars;
  }
}
