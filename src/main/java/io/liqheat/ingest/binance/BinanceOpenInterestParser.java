package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;
import java.util.function.ToDoubleFunction;

/**
 * {@code GET /fapi/v1/openInterest?symbol=}: {@code {"openInterest":"..","symbol":"..","time":..}},
 * open interest in base units at exchange time {@code time}. USD is base × the newest mark from the
 * stream; before the first mark there is no honest USD value, so the answer is skipped (the next
 * poll comes within seconds), which is not malformed.
 */
public final class BinanceOpenInterestParser implements MessageParser {

  private final BinanceSymbols symbols;
  private final ToDoubleFunction<MarketId> markPrice;

  public BinanceOpenInterestParser(BinanceSymbols symbols, ToDoubleFunction<MarketId> markPrice) {
    this.symbols = symbols;
    this.markPrice = markPrice;
  }

  @Override
  public void parse(String message, ParseSink sink) {
    String symbol = null;
    double base = Double.NaN;
    long time = JsonValues.NO_LONG;
    boolean hasBase = false;
    boolean hasTime = false;
    try (JsonParser p = JsonValues.FACTORY.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        sink.malformed(null, "not a JSON object");
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "symbol" -> symbol = JsonValues.text(p);
          case "openInterest" -> {
            hasBase = true;
            base = JsonValues.decimal(p);
          }
          case "time" -> {
            hasTime = true;
            time = JsonValues.integer(p);
          }
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        sink.malformed(null, "invalid json");
        return;
      }
    } catch (IOException e) {
      sink.malformed(null, "invalid json");
      return;
    }
    if (symbol == null) {
      sink.malformed(null, "missing field symbol");
      return;
    }
    MarketId market = symbols.market(symbol);
    if (market == null) {
      return;
    }
    if (Double.isNaN(base)) {
      sink.malformed(market, RestRows.missingOrBad(hasBase, "openInterest"));
    } else if (time == JsonValues.NO_LONG) {
      sink.malformed(market, RestRows.missingOrBad(hasTime, "time"));
    } else {
      double mark = markPrice.applyAsDouble(market);
      if (mark > 0) {
        sink.input(new MarketInput.OpenInterest(market, time, base, base * mark));
      }
    }
  }
}
