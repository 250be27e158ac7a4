package io.liqheat.ingest.okx;

import io.liqheat.ingest.ConnectorMonitor;
import io.liqheat.ingest.RestClient;
import io.liqheat.market.MarketId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract values of the configured markets, fetched from {@code /api/v5/public/instruments}
 * before each connection for the markets not yet known. A market OKX does not know is reported and
 * skipped for good; any other failure fails the attempt, so the connection retries with backoff.
 */
final class OkxInstrumentCatalog {

  private final List<MarketId> markets;
  private final RestClient rest;
  private final OkxRestPaths paths;
  private final ConnectorMonitor monitor;
  private final Map<MarketId, OkxInstrument> known = new ConcurrentHashMap<>();
  private final Set<MarketId> unknown = ConcurrentHashMap.newKeySet();

  OkxInstrumentCatalog(List<MarketId> markets, RestClient rest, OkxRestPaths paths, ConnectorMonitor monitor) {
    this.markets = List.copyOf(markets);
    this.rest = rest;
    this.paths = paths;
    this.monitor = monitor;
  }

  CompletionStage<OkxInstruments> resolve() {
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (MarketId market : markets) {
      if (!known.containsKey(market) && !unknown.contains(market)) {
        chain = chain.thenCompose(ignored -> fetch(market));
      }
    }
    return chain.thenApply(ignored -> new OkxInstruments(known.values()));
  }

  private CompletionStage<Void> fetch(MarketId market) {
    return rest.get(paths.instrument(market)).handle((body, failure) -> {
      if (failure != null) {
        throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
      }
      try {
        known.put(market, OkxInstrumentParser.parse(body, market));
      } catch (OkxApiException e) {
        if (!OkxApiException.INSTRUMENT_DOES_NOT_EXIST.equals(e.code())) {
          monitor.failure("instruments of " + market + ": " + e.getMessage());
          throw e;
        }
        unknown.add(market);
        monitor.failure("OKX does not know " + market + " (" + e.getMessage() + "); it is skipped");
      } catch (IllegalArgumentException e) {
        monitor.failure("instruments of " + market + ": " + e.getMessage());
        throw e;
      }
      return null;
    });
  }
}
