package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.ParseSink;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /fapi/v1/exchangeInfo}: the {@code symbols} array, by symbol. Other sections are skipped. */
public final class BinanceExchangeInfoParser {

  private BinanceExchangeInfoParser() {}

  public static Map<String, BinanceSymbolInfo> parse(String body, ParseSink sink) {
    Map<String, BinanceSymbolInfo> symbols = new LinkedHashMap<>();
    try (JsonParser p = JsonValues.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        sink.malformed(null, "not a JSON object");
        return symbols;
      }
      boolean sawSymbols = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("symbols".equals(name) && value == JsonToken.START_ARRAY) {
          sawSymbols = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            BinanceSymbolInfo info = symbol(p);
            if (info == null) {
              sink.malformed(null, "symbol without name");
            } else {
              symbols.put(info.symbol(), info);
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (!sawSymbols) {
        sink.malformed(null, "missing field symbols");
      }
    } catch (IOException e) {
      sink.malformed(null, "invalid json");
    }
    return symbols;
  }

  private static BinanceSymbolInfo symbol(JsonParser p) throws IOException {
    String symbol = null;
    String status = null;
    String contractType = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "symbol" -> symbol = JsonValues.text(p);
        case "status" -> status = JsonValues.text(p);
        case "contractType" -> contractType = JsonValues.text(p);
        default -> p.skipChildren();
      }
    }
    return symbol == null ? null : new BinanceSymbolInfo(symbol, status, contractType);
  }
}
