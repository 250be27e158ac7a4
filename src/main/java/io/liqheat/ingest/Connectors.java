package io.liqheat.ingest;

import io.liqheat.ingest.binance.BinanceConnector;
import io.liqheat.ingest.bybit.BybitConnector;
import io.liqheat.ingest.okx.OkxConnector;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The connectors running on this node. Alone, a node runs one per exchange that has configured
 * markets ({@link #start}); in a cluster each runs where sharding placed its {@link ConnectorEntity}
 * and registers here, so this node's status and metrics show the ones it runs.
 */
public final class Connectors {

  /** How an exchange's connector starts; each connector class has a static {@code start} of this shape. */
  @FunctionalInterface
  public interface Factory {
    ExchangeConnector start(
        ActorSystem<?> system, ConnectorSettings settings, List<MarketId> markets, MarketInputSink sink, Clock clock);
  }

  private static final Map<Exchange, Factory> FACTORIES = new EnumMap<>(Map.of(
      Exchange.BINANCE, BinanceConnector::start,
      Exchange.BYBIT, BybitConnector::start,
      Exchange.OKX, OkxConnector::start));

  private final List<ExchangeConnector> running = new CopyOnWriteArrayList<>();

  /** None running yet: a node that reads no exchange, or whose connectors sharding will place. */
  public Connectors() {}

  /** Starts every exchange that has configured markets, here. */
  public static Connectors start(ActorSystem<?> system, IngestSettings settings, MarketInputSink sink, Clock clock) {
    Connectors connectors = new Connectors();
    for (Exchange exchange : Exchange.values()) {
      if (!settings.marketsOf(exchange).isEmpty()) {
        connectors.start(exchange, system, settings, sink, clock);
      }
    }
    return connectors;
  }

  /** Starts one exchange's connector on this node for its configured markets. */
  public ExchangeConnector start(Exchange exchange, ActorSystem<?> system, IngestSettings settings, MarketInputSink sink,
      Clock clock) {
    Factory factory = FACTORIES.get(exchange);
    if (factory == null) {
      throw new IllegalStateException("no connector for " + exchange.id());
    }
    List<MarketId> markets = settings.marketsOf(exchange);
    ExchangeConnector connector = factory.start(system, settings.exchanges().get(exchange), markets, sink, clock);
    running.add(connector);
    return connector;
  }

  /** Stops one connector and forgets it. */
  public CompletionStage<Done> stop(ExchangeConnector connector) {
    return running.remove(connector) ? connector.stop() : CompletableFuture.completedFuture(Done.getInstance());
  }

  public List<ConnectorStatus> status() {
    List<ConnectorStatus> all = new ArrayList<>();
    running.forEach(connector -> all.addAll(connector.status()));
    return all;
  }

  /** Stops and forgets every connector running here; a connector entity stopping later finds none left to stop. */
  public CompletionStage<Done> stop() {
    List<ExchangeConnector> stopping = List.copyOf(running);
    running.clear();
    return CompletableFuture.allOf(stopping.stream()
            .map(connector -> connector.stop().toCompletableFuture())
            .toArray(CompletableFuture[]::new))
        .thenApply(all -> Done.getInstance());
  }
}
