package io.liqheat.ingest.binance;

import io.liqheat.ingest.ConnectorMonitor;
import io.liqheat.ingest.ConnectorSettings;
import io.liqheat.ingest.ConnectorState;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.ingest.ExchangeConnector;
import io.liqheat.ingest.GapBackfill;
import io.liqheat.ingest.MarketBackfills;
import io.liqheat.ingest.IngestMessage;
import io.liqheat.ingest.IngestPipeline;
import io.liqheat.ingest.MarketInputSink;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.Reconnecting;
import io.liqheat.ingest.RestCall;
import io.liqheat.ingest.RestClient;
import io.liqheat.ingest.RestPoller;
import io.liqheat.ingest.WebSocketFeed;
import io.liqheat.ingest.WebSocketSpec;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance USDⓈ-M futures: trades, 1 s mark prices and all-market liquidations over combined
 * WebSocket streams (markets split over connections by {@code max-streams-per-connection}), open
 * interest and the account ratio polled over REST within the request budget, and each connection's
 * gap backfilled from klines, openInterestHist and the ratio history before it goes live.
 *
 * <p>Start-up: exchangeInfo first (a configured symbol that is not a trading perpetual is recorded
 * and skipped; if exchangeInfo itself fails, every market is tried, since a live market matters more
 * than a clean check); then the connections, each backfilling before it subscribes; the pollers start
 * once every connection has backfilled, because polled open interest stamped "now" would otherwise
 * make the backfilled past late.
 */
public final class BinanceConnector implements ExchangeConnector {

  private static final Logger log = LoggerFactory.getLogger(BinanceConnector.class);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final int OPEN_INTEREST_WEIGHT = 1;

  private final ActorSystem<?> system;
  private final ConnectorSettings settings;
  private final BinanceSettings binance;
  private final MarketInputSink sink;
  private final Clock clock;
  private final BinanceUrls urls;
  private final ConnectorMonitor restMonitor;
  private final RestClient rest;
  private final LatestMarks marks = new LatestMarks();
  private final List<ConnectorMonitor> monitors = new CopyOnWriteArrayList<>();
  private final List<CompletionStage<Done>> streams = new CopyOnWriteArrayList<>();
  private final SharedKillSwitch killSwitch = KillSwitches.shared("binance-connector");

  private BinanceConnector(ActorSystem<?> system, ConnectorSettings settings, MarketInputSink sink, Clock clock) {
    this.system = system;
    this.settings = settings;
    this.binance = BinanceSettings.fromConfig(settings);
    this.sink = sink;
    this.clock = clock;
    this.urls = new BinanceUrls(settings.restUrl(), settings.wsUrl());
    this.restMonitor = new ConnectorMonitor(Exchange.BINANCE.id(), "binance-rest", settings.malformedLogInterval(), clock);
    this.rest = new RestClient(system, restMonitor, settings.requestTimeout(), clock);
    monitors.add(restMonitor);
  }

  public static BinanceConnector start(
      ActorSystem<?> system, ConnectorSettings settings, List<MarketId> markets, MarketInputSink sink, Clock clock) {
    BinanceConnector connector = new BinanceConnector(system, settings, sink, clock);
    connector.tradable(markets).thenAccept(connector::run);
    return connector;
  }

  @Override
  public Exchange exchange() {
    return Exchange.BINANCE;
  }

  @Override
  public List<ConnectorStatus> status() {
    List<ConnectorStatus> status = new ArrayList<>();
    monitors.forEach(monitor -> status.add(monitor.status()));
    return status;
  }

  @Override
  public CompletionStage<Done> stop() {
    monitors.forEach(monitor -> monitor.state(ConnectorState.STOPPED));
    killSwitch.shutdown();
    return CompletableFuture.allOf(streams.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
        .handle((ok, failure) -> Done.getInstance());
  }

  /** The configured markets that exchangeInfo lists as trading perpetuals. */
  private CompletionStage<List<MarketId>> tradable(List<MarketId> markets) {
    return rest.get(urls.exchangeInfo())
        .thenApply(body -> {
          Map<String, BinanceSymbolInfo> listed = BinanceExchangeInfoParser.parse(body, new MalformedToMonitor(restMonitor));
          List<MarketId> kept = new ArrayList<>();
          for (MarketId market : markets) {
            BinanceSymbolInfo info = listed.get(market.symbol());
            if (info != null && info.tradingPerpetual()) {
              kept.add(market);
            } else {
              String why = info == null ? "is not listed" : "is " + info.status() + " " + info.contractType();
              restMonitor.failure(market + " " + why + " on Binance; skipped");
              log.warn("{} {} on Binance USDⓈ-M (exchangeInfo); it is skipped", market, why);
            }
          }
          return kept;
        })
        .exceptionally(failure -> {
          log.warn("Binance exchangeInfo failed ({}); starting every configured market unchecked", failure.getMessage());
          return markets;
        });
  }

  private void run(List<MarketId> markets) {
    if (markets.isEmpty() || restMonitor.state() == ConnectorState.STOPPED) {
      return;
    }
    restMonitor.state(ConnectorState.CONNECTED);
    MarketBackfills backfills = new MarketBackfills(sink, new BinanceHistory(rest, urls, restMonitor), settings, clock);
    List<CompletableFuture<Done>> backfilled = new ArrayList<>();
    int perConnection = binance.marketsPerConnection();
    for (int first = 0; first < markets.size(); first += perConnection) {
      List<MarketId> chunk = List.copyOf(markets.subList(first, Math.min(markets.size(), first + perConnection)));
      CompletableFuture<Done> firstBackfill = new CompletableFuture<>();
      backfilled.add(firstBackfill);
      connect("binance-ws-" + (first / perConnection + 1), chunk, backfills, firstBackfill);
    }
    CompletableFuture.allOf(backfilled.toArray(CompletableFuture[]::new)).thenRun(() -> poll(markets, backfills.onDemand(restMonitor)));
  }

  private void connect(String name, List<MarketId> markets, MarketBackfills backfills, CompletableFuture<Done> firstBackfill) {
    ConnectorMonitor monitor = new ConnectorMonitor(Exchange.BINANCE.id(), name, settings.malformedLogInterval(), clock);
    monitor.carries(markets);
    monitors.add(monitor);
    WebSocketSpec spec = new WebSocketSpec(urls.combinedStream(markets), List.of(), settings.pingInterval(), null);
    MessageParser parser = new BinanceStreamParser(new BinanceSymbols(markets), marks);
    // The pipeline runs inside the reconnecting source, so that a delivery failing for good restarts
    // the connection, whose backfill then covers what was not delivered.
    Source<Done, NotUsed> live = Reconnecting.source(settings, monitor, () -> Source.completionStageSource(
            GapBackfill.run(markets, backfills, monitor).thenApply(done -> {
              firstBackfill.complete(done);
              return WebSocketFeed.connect(system, spec, settings, monitor)
                  .map(messages -> new IngestMessage(parser, messages))
                  .via(IngestPipeline.toEntities(name, monitor, backfills.onDemand(monitor), settings));
            }))
        .mapMaterializedValue(future -> NotUsed.getInstance()));
    streams.add(live.via(killSwitch.flow()).runWith(Sink.ignore(), system));
  }

  private void poll(List<MarketId> markets, MarketInputSink deliverTo) {
    BinanceSymbols symbols = new BinanceSymbols(markets);
    Duration oiInterval = PollBudget.interval(settings.openInterestPollInterval(), markets.size(), OPEN_INTEREST_WEIGHT,
        binance.requestWeightPerMinute(), MINUTE);
    Duration ratioInterval = PollBudget.interval(settings.ratioPollInterval(), markets.size(), 1,
        binance.dataRequestsPerFiveMinutes(), FIVE_MINUTES);
    if (!oiInterval.equals(settings.openInterestPollInterval()) || !ratioInterval.equals(settings.ratioPollInterval())) {
      log.warn("Binance: {} markets exceed the REST budget at the configured periods; polling open interest every {}"
          + " and the account ratio every {}", markets.size(), oiInterval, ratioInterval);
    }
    BinanceOpenInterestParser openInterest = new BinanceOpenInterestParser(symbols, marks::mark);
    List<RestCall> oiCalls = markets.stream().map(market -> new RestCall(urls.openInterest(market), openInterest)).toList();
    List<RestCall> ratioCalls = markets.stream()
        .map(market -> new RestCall(urls.latestAccountRatio(market), BinanceAccountRatioParser.forMarket(market)))
        .toList();
    runPoller("binance-rest-oi", oiInterval, () -> oiCalls, deliverTo);
    runPoller("binance-rest-ratio", ratioInterval, () -> ratioCalls, deliverTo);
  }

  /** A poller restarts with backoff only if delivering to the entities fails; failed calls are just skipped. */
  private void runPoller(String source, Duration interval, Supplier<List<RestCall>> calls, MarketInputSink deliverTo) {
    RestartSettings restart = RestartSettings.create(settings.minBackoff(), settings.maxBackoff(), settings.randomFactor());
    streams.add(RestartSource.withBackoff(restart, () -> RestPoller.poll(interval, rest, calls)
            .via(IngestPipeline.toEntities(source, restMonitor, deliverTo, settings)))
        .via(killSwitch.flow())
        .runWith(Sink.ignore(), system));
  }
}
