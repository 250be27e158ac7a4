package io.liqheat.ingest.binance;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
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
    SymbolSnapshot snapshot = SymbolSnapshot.read(message, "openInterest", symbols, sink);
    if (snapshot == null) {
      return;
    }
    double mark = markPrice.applyAsDouble(snapshot.market());
    if (mark > 0) {
      sink.input(new MarketInput.OpenInterest(snapshot.market(), snapshot.timeMs(), snapshot.value(),
          snapshot.value() * mark));
    }
  }
}
