package io.liqheat.ingest.okx;

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

/**
 * Reads OKX's USDT swaps over one public WebSocket plus REST. Each connection attempt, restarted
 * with backoff by {@link Reconnecting}: resolve contract values (instruments), backfill each
 * market's gap from the history endpoints, then stream trades, open interest, mark prices and
 * liquidations, merged with the polled long/short account ratio, into the entities.
 */
public final class OkxConnector implements ExchangeConnector {

  private static final String CONNECTION = "okx-ws-1";
  private static final String LIVE_SOURCE = "okx-live";

  private final ConnectorMonitor monitor;
  private final RestClient rest;
  private final UniqueKillSwitch killSwitch;
  private final CompletionStage<Done> done;

  private OkxConnector(ConnectorMonitor monitor, RestClient rest, Pair<UniqueKillSwitch, CompletionStage<Done>> running) {
    this.monitor = monitor;
    this.rest = rest;
    this.killSwitch = running.first();
    this.done = running.second();
  }

  public static OkxConnector start(
      ActorSystem<?> system, ConnectorSettings settings, List<MarketId> markets, MarketInputSink sink, Clock clock) {
    for (MarketId market : markets) {
      if (market.exchange() != Exchange.OKX) {
        throw new IllegalArgumentException("the OKX connector cannot read " + market);
      }
    }
    ConnectorMonitor monitor = new ConnectorMonitor(Exchange.OKX.id(), CONNECTION, settings.malformedLogInterval(), clock);
    // One connection for every market: it carries the configured ones until the instrument lookups
    // say which OKX knows.
    monitor.carries(markets);
    RestClient rest = new RestClient(system, monitor, settings.requestTimeout(), clock);
    OkxRestPaths paths = new OkxRestPaths(settings.restUrl().toString());
    OkxInstrumentCatalog catalog = new OkxInstrumentCatalog(markets, rest, paths, monitor);
    OkxHistory history = new OkxHistory(rest, paths);
    OkxLastMarks marks = new OkxLastMarks();
    MarketBackfills backfills = new MarketBackfills(sink, history, settings, clock);

    Source<Done, NotUsed> connections = Reconnecting.source(settings, monitor, () ->
        Source.completionStage(catalog.resolve())
            .flatMapConcat(instruments -> {
              if (instruments.isEmpty()) {
                return Source.failed(new IllegalStateException("no configured OKX market is known to OKX"));
              }
              monitor.carries(instruments.markets());
              return Source.completionStage(
                      GapBackfill.run(instruments.markets(), backfills, monitor))
                  .flatMapConcat(backfilled -> live(system, settings, monitor, rest, paths, instruments, marks, clock));
            })
            .via(IngestPipeline.toEntities(LIVE_SOURCE, monitor, backfills.onDemand(monitor), settings))
            .mapMaterializedValue(ignored -> NotUsed.getInstance()));
    Pair<UniqueKillSwitch, CompletionStage<Done>> running = connections
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.ignore(), Keep.both())
        .run(system);
    return new OkxConnector(monitor, rest, running);
  }

  /** The stream of one connection: WebSocket frames, with the ratio polls merged in while it lasts. */
  private static Source<IngestMessage, NotUsed> live(
      ActorSystem<?> system, ConnectorSettings settings, ConnectorMonitor monitor, RestClient rest,
      OkxRestPaths paths, OkxInstruments instruments, OkxLastMarks marks, Clock clock) {
    OkxStreamParser parser = new OkxStreamParser(instruments, marks, monitor::failure);
    WebSocketSpec spec = new WebSocketSpec(settings.wsUrl().toString(),
        List.of(OkxSubscriptions.subscribe(instruments.markets())), settings.pingInterval(), "ping");
    Source<IngestMessage, NotUsed> frames = WebSocketFeed.connect(system, spec, settings, monitor)
        .map(messages -> new IngestMessage(parser, messages));
    Source<IngestMessage, NotUsed> ratios = RestPoller.poll(settings.ratioPollInterval(), rest,
        () -> ratioCalls(paths, instruments, clock));
    // The poller never ends by itself: the connection ends when the socket does.
    return frames.merge(ratios, true);
  }

  private static List<RestCall> ratioCalls(OkxRestPaths paths, OkxInstruments instruments, Clock clock) {
    // Ask for the last quarter hour only: the newest 5-minute point is all a poll needs.
    long since = clock.millis() - Duration.ofMinutes(15).toMillis();
    List<RestCall> calls = new ArrayList<>();
    for (Map.Entry<String, List<MarketId>> currency : instruments.marketsByCurrency().entrySet()) {
      calls.add(new RestCall(paths.ratio(currency.getKey(), since), new OkxRatioParser(currency.getValue())));
    }
    return calls;
  }

  @Override
  public Exchange exchange() {
    return Exchange.OKX;
  }

  @Override
  public List<ConnectorStatus> status() {
    return List.of(monitor.status());
  }

  /** How long REST calls still fail fast after a 429, for tests and diagnostics; 0 when not blocked. */
  public long restBlockedForMs() {
    return rest.blockedForMs();
  }

  @Override
  public CompletionStage<Done> stop() {
    monitor.state(ConnectorState.STOPPED);
    killSwitch.shutdown();
    return done;
  }
}
