package io.liqheat.ingest.binance;

import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configured markets by Binance symbol, for parsers: Binance names a market by its upper-case
 * symbol in payloads and by its lower-case symbol in stream names. A symbol not in here is not
 * configured and its data is ignored (the all-market liquidation stream carries every symbol).
 */
public final class BinanceSymbols {

  private final Map<String, MarketId> bySymbol = new HashMap<>();

  public BinanceSymbols(List<MarketId> markets) {
    for (MarketId market : markets) {
      if (market.exchange() != Exchange.BINANCE) {
        throw new IllegalArgumentException("not a Binance market: " + market);
      }
      bySymbol.put(market.symbol(), market);
    }
  }

  /** The configured market of {@code symbol}, or null. */
  public MarketId market(String symbol) {
    return symbol == null ? null : bySymbol.get(symbol);
  }

  public static String streamName(MarketId market) {
    return market.symbol().toLowerCase(Locale.ROOT);
  }
}
