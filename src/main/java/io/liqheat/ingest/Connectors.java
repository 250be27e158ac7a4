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
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/** The running connectors of a node: one per exchange that has configured markets. */
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

  private final List<ExchangeConnector> running;

  private Connectors(List<ExchangeConnector> running) {
    this.running = List.copyOf(running);
  }

  /** A node that reads no exchange (ingest disabled). */
  public static Connectors none() {
    return new Connectors(List.of());
  }

  public static Connectors start(ActorSystem<?> system, IngestSettings settings, MarketInputSink sink, Clock clock) {
    List<ExchangeConnector> running = new ArrayList<>();
    for (Exchange exchange : Exchange.values()) {
      List<MarketId> markets = settings.marketsOf(exchange);
      if (!markets.isEmpty()) {
        Factory factory = FACTORIES.get(exchange);
        if (factory == null) {
          throw new IllegalStateException("no connector for " + exchange.id());
        }
        running.add(factory.start(system, settings.exchanges().get(exchange), markets, sink, clock));
      }
    }
    return new Connectors(running);
  }

  public List<ConnectorStatus> status() {
    List<ConnectorStatus> all = new ArrayList<>();
    running.forEach(connector -> all.addAll(connector.status()));
    return all;
  }

  public CompletionStage<Done> stop() {
    return CompletableFuture.allOf(running.stream()
            .map(connector -> connector.stop().toCompletableFuture())
            .toArray(CompletableFuture[]::new))
        .thenApply(all -> Done.getInstance());
  }
}
