package io.liqheat.cluster;

import static org.apache.pekko.http.javadsl.server.Directives.extractUri;

import io.liqheat.ingest.okx.OkxRestPaths;
import io.liqheat.market.Exchange;
import io.liqheat.market.InvalidMarketIdException;
import io.liqheat.market.MarketId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Counts, per market, the requests the simulated exchange receives on its one-minute kline history
 * endpoints. Connectors ask them only to backfill a gap, so a market whose count grew after a kill
 * had its outage backfilled from the exchange's history. Kept in the test: the simulator has no
 * such counter of its own, and production code gains nothing from one.
 */
final class HistoryRequests {

  /** Each exchange's kline history path and the query parameter that names the market. */
  private record Endpoint(Exchange exchange, String marketParameter) {}

  private static final Map<String, Endpoint> KLINE_HISTORY = Map.of(
      "/fapi/v1/klines", new Endpoint(Exchange.BINANCE, "symbol"),
      "/v5/market/kline", new Endpoint(Exchange.BYBIT, "symbol"),
      OkxRestPaths.HISTORY_CANDLES, new Endpoint(Exchange.OKX, "instId"));

  private final Map<MarketId, AtomicLong> counts = new ConcurrentHashMap<>();

  /** {@code routes}, counting every kline history request before it is answered. */
  Route counting(Route routes) {
    return extractUri(uri -> {
      record(uri);
      return routes;
    });
  }

  /** How many kline history requests named {@code market} so far. */
  long of(MarketId market) {
    AtomicLong count = counts.get(market);
    return count == null ? 0 : count.get();
  }

  private void record(Uri uri) {
    Endpoint endpoint = KLINE_HISTORY.get(uri.path());
    if (endpoint == null) {
      return;
    }
    uri.query().get(endpoint.marketParameter()).ifPresent(symbol -> {
      try {
        counts.computeIfAbsent(new MarketId(endpoint.exchange(), symbol), market -> new AtomicLong()).incrementAndGet();
      } catch (InvalidMarketIdException e) {
        // Not a market name: the simulator answers it with an error, and it backfills nothing.
      }
    });
  }
}
