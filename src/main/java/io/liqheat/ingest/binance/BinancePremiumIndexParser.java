package io.liqheat.ingest.binance;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;

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
    SymbolSnapshot snapshot = SymbolSnapshot.read(message, "markPrice", symbols, sink);
    if (snapshot != null) {
      sink.input(new MarketInput.MarkPrice(snapshot.market(), snapshot.timeMs(), snapshot.value()));
    }
  }
}
