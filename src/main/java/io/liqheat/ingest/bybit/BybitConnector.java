package io.liqheat.ingest.bybit;

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
import io.liqheat.ingest.ParseSink;
import io.liqheat.ingest.MarketInput;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bybit v5 linear: one WebSocket connection carries every market's trades, tickers (mark price and
 * open interest) and liquidations; the long/short account ratio is polled over REST.
 *
 * <ol>
 *   <li>At start every market is checked against {@code instruments-info}: an unknown symbol or one
 *       that is not trading is reported as the last error and left out.
 *   <li>Each connection first backfills the gap since each entity's watermark (klines, open-interest
 *       and ratio history), then subscribes and streams; it is restarted with backoff when it drops,
 *       goes stale, or reaches its maximum age, and each restart backfills again.
 *   <li>The ratio poller starts after the first backfill, since a ratio delivered earlier would move
 *       the watermark past the history still to come.
 * </ol>
 *
 * <p>All REST calls share one {@link RestClient}, so a rate limit backs the whole connector off.
 * Bybit signals its IP limit with 403 ("access too frequent", no Retry-After, and wants at least ten
 * minutes of quiet) as well as 429; both count as rate limits here.
 */
public final class BybitConnector implements ExchangeConnector {

  private static final Logger log = LoggerFactory.getLogger(BybitConnector.class);
  private static final String BLOCK = ConnectorSettings.ROOT + ".exchanges.bybit";

  private final ConnectorMonitor streamMonitor;
  private final ConnectorMonitor restMonitor;
  private final List<UniqueKillSwitch> switches;
  private final List<CompletionStage<Done>> completions;

  private BybitConnector(ConnectorMonitor streamMonitor, ConnectorMonitor restMonitor,
      List<UniqueKillSwitch> switches, List<CompletionStage<Done>> completions) {
    this.streamMonitor = streamMonitor;
    this.restMonitor = restMonitor;
    this.switches = switches;
    this.completions = completions;
  }

  public static BybitConnector start(
      ActorSystem<?> system, ConnectorSettings settings, List<MarketId> markets, MarketInputSink sink, Clock clock) {
    ConnectorSettings.Keys keys = new ConnectorSettings.Keys(settings.exchangeConfig(), BLOCK);
    int argsPerRequest = keys.positiveInt("subscribe-args-per-request");
    Duration ipBanBackoff = keys.positiveDuration("ip-limit-backoff");

    ConnectorMonitor streamMonitor = new ConnectorMonitor("bybit", "bybit-ws", settings.malformedLogInterval(), clock);
    ConnectorMonitor restMonitor = new ConnectorMonitor("bybit", "bybit-rest", settings.malformedLogInterval(), clock);
    RestClient rest = new RestClient(system, restMonitor, settings.requestTimeout(), clock, Set.of(429, 418, 403), ipBanBackoff);
    BybitEndpoints endpoints = new BybitEndpoints(settings.restUrl());
    BybitHistory history = new BybitHistory(rest, endpoints);
    CompletableFuture<Done> firstBackfill = new CompletableFuture<>();
    MarketBackfills backfills = new MarketBackfills(sink, history, settings, clock);

    // One stream connection for every market: it carries the configured ones until the instrument
    // list says which it can stream.
    List<MarketId> configured = BybitMarkets.of(markets).all();
    streamMonitor.carries(configured);
    CompletionStage<List<MarketId>> tradable = tradable(configured, rest, endpoints, streamMonitor);

    Source<Done, NotUsed> stream = Source.completionStageSource(tradable.thenApply(live -> {
          if (live.isEmpty()) {
            firstBackfill.complete(Done.getInstance());
            return Source.<Done>empty();
          }
          WebSocketSpec spec = new WebSocketSpec(settings.wsUrl().toString(),
              BybitSubscriptions.frames(live, argsPerRequest), settings.pingInterval(), BybitSubscriptions.PING);
          streamMonitor.carries(live);
          BybitMarkets liveMarkets = BybitMarkets.of(live);
          return Reconnecting.source(settings, streamMonitor, () -> connection(
              system, spec, liveMarkets, backfills, settings, streamMonitor, firstBackfill));
        }))
        .mapMaterializedValue(m -> NotUsed.getInstance());

    Source<Done, NotUsed> ratios = Source.completionStageSource(
            tradable.thenCombine(firstBackfill, (live, done) -> live.isEmpty()
                ? Source.<Done>empty()
                : Reconnecting.source(settings, restMonitor, () -> {
                  restMonitor.state(ConnectorState.CONNECTED);
                  return RestPoller.poll(settings.ratioPollInterval(), rest, () -> ratioCalls(live, endpoints, restMonitor))
                      .via(IngestPipeline.toEntities("bybit-ratio", restMonitor, backfills.onDemand(restMonitor), settings));
                })))
        .mapMaterializedValue(m -> NotUsed.getInstance());

    List<UniqueKillSwitch> switches = new ArrayList<>();
    List<CompletionStage<Done>> completions = new ArrayList<>();
    for (Source<Done, NotUsed> source : List.of(stream, ratios)) {
      Pair<UniqueKillSwitch, CompletionStage<Done>> running = source
          .viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.ignore(), Keep.both())
          .run(system);
      switches.add(running.first());
      completions.add(running.second());
    }
    return new BybitConnector(streamMonitor, restMonitor, List.copyOf(switches), List.copyOf(completions));
  }

  /** One connection's life: backfill the gap, then subscribe and stream, with a fresh ticker book. */
  private static Source<Done, NotUsed> connection(
      ActorSystem<?> system, WebSocketSpec spec, BybitMarkets markets, MarketBackfills backfills,
      ConnectorSettings settings, ConnectorMonitor monitor, CompletableFuture<Done> firstBackfill) {
    CompletionStage<Source<Done, NotUsed>> live = GapBackfill.run(markets.all(), backfills, monitor)
        .thenApply(done -> {
          firstBackfill.complete(done);
          MessageParser parser = new BybitStreamParser(markets, new BybitTickerBook());
          return WebSocketFeed.connect(system, spec, settings, monitor)
              .map(messages -> new IngestMessage(parser, messages))
              .via(IngestPipeline.toEntities("bybit-ws", monitor, backfills.onDemand(monitor), settings));
        });
    return Source.completionStageSource(live).mapMaterializedValue(m -> NotUsed.getInstance());
  }

  /**
   * The configured markets that Bybit lists as trading. A market whose check fails for another
   * reason (network, rate limit) is kept: its stream will tell.
   */
  static CompletionStage<List<MarketId>> tradable(
      List<MarketId> markets, RestClient rest, BybitEndpoints endpoints, ConnectorMonitor monitor) {
    List<CompletableFuture<MarketId>> checks = new ArrayList<>();
    for (MarketId market : markets) {
      checks.add(rest.get(endpoints.instrument(market.symbol()))
          .thenApply(body -> {
            List<BybitInstrument> listed = BybitInstrumentsParser.instruments(body);
            BybitInstrument instrument = listed.stream()
                .filter(candidate -> candidate.symbol().equals(market.symbol())).findFirst().orElse(null);
            if (instrument == null || !instrument.trading()) {
              skip(market, instrument == null ? "not listed" : "status " + instrument.status(), monitor);
              return (MarketId) null;
            }
            return market;
          })
          .exceptionally(failure -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof BybitResponseException response && response.retCode() != 0) {
              skip(market, cause.getMessage(), monitor);
              return null;
            }
            log.warn("bybit: could not check {} against instruments-info, streaming it anyway: {}", market, cause.getMessage());
            return market;
          })
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .thenApply(all -> checks.stream().map(CompletableFuture::join).filter(market -> market != null).toList());
  }

  private static void skip(MarketId market, String why, ConnectorMonitor monitor) {
    String detail = market + " is not a trading Bybit linear instrument (" + why + "); skipped";
    log.error("bybit: {}", detail);
    monitor.failure(detail);
  }

  /** One ratio request per market; an error answer also becomes the poller's last error. */
  private static List<RestCall> ratioCalls(List<MarketId> markets, BybitEndpoints endpoints, ConnectorMonitor monitor) {
    List<RestCall> calls = new ArrayList<>(markets.size());
    for (MarketId market : markets) {
      BybitRatioParser parser = new BybitRatioParser(market);
      calls.add(new RestCall(endpoints.latestRatio(market.symbol()), (body, sink) -> parser.parse(body, new ParseSink() {
        @Override
        public void input(MarketInput input) {
          sink.input(input);
        }

        @Override
        public void malformed(MarketId failed, String reason) {
          sink.malformed(failed, reason);
          monitor.failure("account-ratio of " + failed + ": " + reason);
        }
      })));
    }
    return calls;
  }

  @Override
  public Exchange exchange() {
    return Exchange.BYBIT;
  }

  @Override
  public List<ConnectorStatus> status() {
    return List.of(streamMonitor.status(), restMonitor.status());
  }

  @Override
  public CompletionStage<Done> stop() {
    streamMonitor.state(ConnectorState.STOPPED);
    restMonitor.state(ConnectorState.STOPPED);
    switches.forEach(UniqueKillSwitch::shutdown);
    return CompletableFuture.allOf(completions.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
        .handle((all, failure) -> Done.getInstance());
  }
}
