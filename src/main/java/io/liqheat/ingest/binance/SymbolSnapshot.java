package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;

/**
 * One symbol's value at a time, as Binance's single-symbol REST answers give it
 * ({@code {"symbol":..,"<field>":"..","time":..}}): open interest, premium index. Reads the
 * object, reports what is malformed, and ignores symbols that are not configured.
 */
record SymbolSnapshot(MarketId market, double value, long timeMs) {

  /** The snapshot, or null when the answer was malformed (reported to {@code sink}) or for another symbol. */
  static SymbolSnapshot read(String message, String valueField, BinanceSymbols symbols, ParseSink sink) {
    String symbol = null;
    double value = Double.NaN;
    long time = JsonValues.NO_LONG;
    boolean hasValue = false;
    boolean hasTime = false;
    try (JsonParser p = JsonValues.FACTORY.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        sink.malformed(null, "not a JSON object");
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("symbol")) {
          symbol = JsonValues.text(p);
        } else if (name.equals(valueField)) {
          hasValue = true;
          value = JsonValues.decimal(p);
        } else if (name.equals("time")) {
          hasTime = true;
          time = JsonValues.integer(p);
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        sink.malformed(null, "invalid json");
        return null;
      }
    } catch (IOException e) {
      sink.malformed(null, "invalid json");
      return null;
    }
    if (symbol == null) {
      sink.malformed(null, "missing field symbol");
      return null;
    }
    MarketId market = symbols.market(symbol);
    if (market == null) {
      return null;
    }
    if (Double.isNaN(value)) {
      sink.malformed(market, RestRows.missingOrBad(hasValue, valueField));
      return null;
    }
    if (time == JsonValues.NO_LONG) {
      sink.malformed(market, RestRows.missingOrBad(hasTime, "time"));
      return null;
    }
    return new SymbolSnapshot(market, value, time);
  }
}
