package io.liqheat.cli;

import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.binance.BinanceStreamParser;
import io.liqheat.ingest.binance.BinanceSymbols;
import io.liqheat.ingest.bybit.BybitMarkets;
import io.liqheat.ingest.bybit.BybitStreamParser;
import io.liqheat.ingest.bybit.BybitTickerBook;
import io.liqheat.ingest.okx.OkxInstrument;
import io.liqheat.ingest.okx.OkxInstruments;
import io.liqheat.ingest.okx.OkxLastMarks;
import io.liqheat.ingest.okx.OkxStreamParser;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.util.List;

/**
 * Each exchange's stream parser, set up for the load test's markets as its connector sets it up; the
 * OKX contract value is the load test's (0.01, as {@code SimMarketSpec.typical} is given there).
 */
public final class LoadParsers {

  private LoadParsers() {}

  public static MessageParser streamParser(Exchange exchange, List<MarketId> markets) {
    return switch (exchange) {
      case BINANCE -> new BinanceStreamParser(new BinanceSymbols(markets));
      case BYBIT -> new BybitStreamParser(BybitMarkets.of(markets), new BybitTickerBook());
      case OKX -> new OkxStreamParser(
          new OkxInstruments(markets.stream().map(market -> new OkxInstrument(market, 0.01, false)).toList()),
          new OkxLastMarks(), error -> {});
    };
  }
}
