package io.liqheat.metrics;

import io.liqheat.ingest.ConnectorState;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.ingest.MarketIngestCounts;
import io.liqheat.market.MarketId;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The connectors' counters as meters: ingest per market (summed over the connections that feed it,
 * e.g. a WebSocket for trades and a REST poller for open interest), connector state and reconnects
 * per connection. The connectors keep counting in their own adders; a scrape reads one status
 * snapshot, so ingest pays nothing for metrics.
 */
public final class ConnectorMetrics {

  private final MeterRegistry registry;
  private final Supplier<List<ConnectorStatus>> connectors;
  private volatile List<ConnectorStatus> snapshot = List.of();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  private ConnectorMetrics(MeterRegistry registry, Supplier<List<ConnectorStatus>> connectors) {
    this.registry = registry;
    this.connectors = connectors;
  }

  /** Registers the connectors' meters on the node's registry, refreshed on every scrape. */
  public static void bind(NodeMetrics metrics, Supplier<List<ConnectorStatus>> connectors) {
    ConnectorMetrics bound = new ConnectorMetrics(metrics.registry(), connectors);
    metrics.beforeScrape(bound::refresh);
    bound.refresh();
  }

  private void refresh() {
    snapshot = connectors.get();
    for (ConnectorStatus connection : snapshot) {
      if (registered.add("connection|" + connection.connection())) {
        registerConnection(connection.exchange(), connection.connection());
      }
      for (MarketId market : connection.markets().keySet()) {
        if (registered.add("market|" + market)) {
          registerMarket(market);
        }
      }
    }
  }

  private void registerConnection(String exchange, String connection) {
    for (ConnectorState state : ConnectorState.values()) {
      Gauge.builder(NodeMetrics.PREFIX + "connector.state", this,
              self -> self.connection(connection).map(s -> s.state() == state ? 1.0 : 0.0).orElse(Double.NaN))
          .description("1 for the state the connection is in, 0 for the others")
          .tags("exchange", exchange, "connection", connection, "state", state.id())
          .register(registry);
    }
    connectionCounter(exchange, connection, "connector.reconnects", "Connections re-established after a drop, a stale stream or an age cut",
        ConnectorStatus::reconnects);
    connectionCounter(exchange, connection, "connector.messages", "Wire messages received (text frames and REST bodies)",
        ConnectorStatus::messages);
    connectionCounter(exchange, connection, "connector.malformed", "Malformed messages skipped",
        ConnectorStatus::malformedTotal);
  }

  private void connectionCounter(String exchange, String connection, String name, String description,
      ToDoubleFunction<ConnectorStatus> count) {
    FunctionCounter.builder(NodeMetrics.PREFIX + name, this,
            self -> self.connection(connection).map(count::applyAsDouble).orElse(0.0))
        .description(description)
        .tags("exchange", exchange, "connection", connection)
        .register(registry);
  }

  private void registerMarket(MarketId market) {
    marketCounter(market, "ingest.inputs", "Normalized inputs assembled for the market", MarketIngestCounts::inputs);
    marketCounter(market, "ingest.trades", "Trades among the market's inputs", MarketIngestCounts::trades);
    marketCounter(market, "ingest.invalid", "Inputs the market's entity refused as invalid", MarketIngestCounts::invalid);
    marketCounter(market, "ingest.late", "Inputs the market's entity dropped as late (their window had frozen)",
        MarketIngestCounts::late);
  }

  private void marketCounter(MarketId market, String name, String description, ToLongFunction<MarketIngestCounts> count) {
    FunctionCounter.builder(NodeMetrics.PREFIX + name, this, self -> self.marketTotal(market, count))
        .description(description)
        .tags("exchange", market.exchange().id(), "market", market.toString())
        .register(registry);
  }

  private Optional<ConnectorStatus> connection(String name) {
    return snapshot.stream().filter(status -> status.connection().equals(name)).findFirst();
  }

  private double marketTotal(MarketId market, ToLongFunction<MarketIngestCounts> count) {
    long total = 0;
    for (ConnectorStatus connection : snapshot) {
      MarketIngestCounts counts = connection.markets().get(market);
      if (counts != null) {
        total += count.applyAsLong(counts);
      }
    }
    return total;
  }
}
