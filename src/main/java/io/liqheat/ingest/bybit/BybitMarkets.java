package io.liqheat.ingest.bybit;

import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured Bybit markets by wire symbol. Parsers look every message's symbol up here: a hash
 * lookup instead of building (and validating) a {@link MarketId} per message, and a symbol that is
 * not configured is simply not found, so its data is ignored without being called malformed.
 */
public final class BybitMarkets {

  private final Map<String, MarketId> bySymbol;
  private final List<MarketId> markets;

  private BybitMarkets(List<MarketId> markets) {
    this.markets = List.copyOf(markets);
    Map<String, MarketId> map = new HashMap<>();
    for (MarketId market : markets) {
      map.put(market.symbol(), market);
    }
    this.bySymbol = Map.copyOf(map);
  }

  /** The Bybit markets among {@code markets}; others are left out. */
  public static BybitMarkets of(Collection<MarketId> markets) {
    return new BybitMarkets(markets.stream().filter(market -> market.exchange() == Exchange.BYBIT).toList());
  }

  /** The configured market of a wire symbol, or null when it is not configured. */
  public MarketId get(String symbol) {
    return bySymbol.get(symbol);
  }

  public List<MarketId> all() {
    return markets;
  }
}
