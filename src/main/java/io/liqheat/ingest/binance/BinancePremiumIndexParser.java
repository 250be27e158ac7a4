package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;

/**
 * {@code GET /fapi/v1/premiumIndex?symbol=}: a mark-price snapshot {@code {symbol, markPrice,
 * indexPrice, lastFundingRate, nextFundingTime, time, ..}} as a MarkPrice input. The connector gets
 * marks from the stream; this reads recorded snapshots and serves tools that poll a single mark.
 */
public final class BinancePremiumIndexParser implements MessageParser {

  private final BinanceSymbols symbols;

  public BinancePremiumIndexParser(BinanceSymbols symbols) {
    this.symbols = symbols;
  }

  @Override
  public void parse(String message, ParseSink sink) {
    String symbol = null;
    double mark = Double.NaN;
    long time = JsonValues.NO_LONG;
    boolean hasMark = false;
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
          case "markPrice" -> {
            hasMark = true;
            mark = JsonValues.decimal(p);
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
    MarketId market = symbols.market(symbol);
    if (symbol == null) {
      sink.malformed(null, "missing field symbol");
    } else if (market == null) {
      return;
    } else if (Double.isNaN(mark)) {
      sink.malformed(market, RestRows.missingOrBad(hasMark, "markPrice"));
    } else if (time == JsonValues.NO_LONG) {
      sink.malformed(market, RestRows.missingOrBad(hasTime, "time"));
    } else {
      sink.input(new MarketInput.MarkPrice(market, time, mark));
    }
  }
}
