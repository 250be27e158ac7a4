package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;

/**
 * Walks a REST body that is a JSON array of rows (objects or arrays), handing each row to a reader.
 * A row the reader rejects is reported and skipped; a body that is not an array (e.g. Binance's
 * {@code {"code":..,"msg":..}} error) or is cut off is reported once. Never throws.
 */
final class RestRows {

  /** Reads one row; the parser is on the row's first token. Returns a malformed reason, or null. */
  @FunctionalInterface
  interface RowReader {
    String read(JsonParser p) throws IOException;
  }

  private RestRows() {}

  static void each(String body, MarketId market, ParseSink sink, RowReader reader) {
    try (JsonParser p = JsonValues.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        sink.malformed(market, "expected array");
        return;
      }
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          sink.malformed(market, "invalid json");
          return;
        }
        String problem = reader.read(p);
        if (problem != null) {
          sink.malformed(market, problem);
        }
      }
    } catch (IOException e) {
      sink.malformed(market, "invalid json");
    }
  }

  static String missingOrBad(boolean present, String field) {
    return present ? "non-numeric " + field : "missing field " + field;
  }
}
