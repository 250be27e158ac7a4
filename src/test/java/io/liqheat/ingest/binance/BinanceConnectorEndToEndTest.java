package io.liqheat.ingest.binance;

import static io.liqheat.ingest.ConnectorRig.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.ConnectorMonitor;
import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.ConnectorSettings;
import io.liqheat.ingest.ConnectorState;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.ingest.RestClient;
import io.liqheat.market.Exchange;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketStatus;
import io.liqheat.sim.SimMarketSpec;
import io.liqheat.sim.binance.BinanceSimRoutes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Binance connector against the simulator on a real loopback socket, with real sharded market
 * entities. Each test reads its own market, so that it starts from an empty entity. Deadlines are
 * generous and nothing is timed: every check is on counts.
 */
class BinanceConnectorEndToEndTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final MarketId LIVE = MarketId.parse("binance:BTCUSDT");
  private static final MarketId DROPPED = MarketId.parse("binance:ETHUSDT");
  private static final MarketId SILENCED = MarketId.parse("binance:SOLUSDT");
  private static final MarketId LIMITED = MarketId.parse("binance:XRPUSDT");
  private static final MarketId CORRUPTED = MarketId.parse("binance:DOGEUSDT");
  private static final MarketId FRESH = MarketId.parse("binance:BNBUSDT");
  private static final MarketId SPLIT = MarketId.parse("binance:ADAUSDT");

  private static ConnectorRig rig;
  private BinanceConnector connector;

  @BeforeAll
  static void startRig() {
    rig = ConnectorRig.start(List.of(
        SimMarketSpec.typical(LIVE, 64_000, 1),
        SimMarketSpec.typical(DROPPED, 3_200, 1),
        SimMarketSpec.typical(SILENCED, 150, 1),
        SimMarketSpec.typical(LIMITED, 0.6, 1),
        SimMarketSpec.typical(CORRUPTED, 0.15, 1),
        SimMarketSpec.typical(FRESH, 600, 1),
        SimMarketSpec.typical(SPLIT, 0.4, 1)), Duration.ofHours(2));
  }

  @AfterAll
  static void stopRig() {
    rig.close();
  }

  @AfterEach
  void stopConnector() throws Exception {
    if (connector != null) {
      connector.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private BinanceConnector start(MarketId market, String overrides) {
    return start(market, rig.settings(Exchange.BINANCE, "", overrides));
  }

  private BinanceConnector start(MarketId market, ConnectorSettings settings) {
    connector = BinanceConnector.start(rig.system, settings, List.of(market), rig.sink, Clock.systemUTC());
    return connector;
  }

  private static ConnectorStatus ws(BinanceConnector connector) {
    return connector.status().stream().filter(s -> s.connection().startsWith("binance-ws")).findFirst()
        .orElseThrow(() -> new AssertionError("no WebSocket connection yet: " + connector.status()));
  }

  private static ConnectorStatus rest(BinanceConnector connector) {
    return connector.status().stream().filter(s -> s.connection().equals("binance-rest")).findFirst().orElseThrow();
  }

  private static Supplier<ConnectorStatus> wsStatus(BinanceConnector connector) {
    return () -> connector.status().stream().filter(s -> s.connection().startsWith("binance-ws")).findFirst().orElse(null);
  }

  /** Waits until the connection is live and has delivered trades; returns the entity's trade count then. */
  private static long live(BinanceConnector connector, MarketId market) {
    eventually(WITHIN, wsStatus(connector), s -> s != null && s.state() == ConnectorState.CONNECTED && s.trades() > 0);
    return rig.status(market).counters().trades();
  }

  @Test
  void tradesMarksAndOpenInterestReachTheEntity() {
    start(LIVE, "");
    long tradesWhenLive = live(connector, LIVE);
    long stepsWhenLive = rig.status(LIVE).counters().steps();
    long watermarkWhenLive = rig.status(LIVE).watermarkMs();

    MarketStatus later = eventually(WITHIN, () -> rig.status(LIVE),
        s -> s.counters().trades() > tradesWhenLive + 10 && s.counters().steps() > stepsWhenLive + 2);

    // Steps are made by polled open-interest observations, which are only sent once a streamed mark has valued them.
    assertThat(later.watermarkMs()).isGreaterThan(watermarkWhenLive);
    assertThat(rest(connector).inputs()).as("polled open interest and ratios").isPositive();
    assertThat(ws(connector).malformedTotal()).isZero();
    assertThat(rest(connector).malformedTotal()).isZero();
    assertThat(rest(connector).lastError()).isNull();
  }

  @Test
  void aSymbolBinanceDoesNotListIsRecordedAndSkippedWhileTheOthersRun() {
    MarketId unlisted = MarketId.parse("binance:NOPEUSDT");
    connector = BinanceConnector.start(rig.system, rig.settings(Exchange.BINANCE, "", ""), List.of(unlisted, LIVE), rig.sink,
        Clock.systemUTC());

    live(connector, LIVE);
    assertThat(rest(connector).lastError()).contains("binance:NOPEUSDT").contains("not listed");
    assertThat(connector.status()).filteredOn(s -> s.connection().startsWith("binance-ws")).hasSize(1);
    // The skipped market is streamed by no connection, so the API shows its connector as unknown.
    assertThat(ws(connector).carried()).containsExactly(LIVE);
    assertThat(rest(connector).carried()).isEmpty();
  }

  @Test
  void marketsSplitOverConnectionsAreEachCarriedByTheirOwn() {
    // Three streams a connection: one market's two and the liquidations, so a connection a market.
    connector = BinanceConnector.start(rig.system, rig.settings(Exchange.BINANCE, "", "exchanges.binance.max-streams-per-connection = 3"),
        List.of(LIVE, SPLIT), rig.sink, Clock.systemUTC());

    eventually(WITHIN, connector::status, all -> all.stream().filter(s -> s.connection().startsWith("binance-ws")).count() == 2);
    assertThat(connector.status()).filteredOn(s -> s.connection().equals("binance-ws-1"))
        .singleElement().satisfies(s -> assertThat(s.carried()).containsExactly(LIVE));
    assertThat(connector.status()).filteredOn(s -> s.connection().equals("binance-ws-2"))
        .singleElement().satisfies(s -> assertThat(s.carried()).containsExactly(SPLIT));
    assertThat(rest(connector).carried()).isEmpty();
  }

  @Test
  void aDroppedConnectionIsReconnectedAndResubscribed() {
    start(DROPPED, "");
    live(connector, DROPPED);

    rig.sim.faults().dropConnections(Exchange.BINANCE);
    ConnectorStatus reconnected = eventually(WITHIN, () -> ws(connector),
        s -> s.reconnects() >= 1 && s.state() == ConnectorState.CONNECTED);
    long tradesAfter = reconnected.trades();

    eventually(WITHIN, () -> ws(connector), s -> s.trades() > tradesAfter + 5);
  }

  @Test
  void aSilentStreamIsDetectedAsStaleAndReconnected() {
    start(SILENCED, "stale-after = 2s");
    live(connector, SILENCED);

    rig.sim.faults().silence(Exchange.BINANCE, Duration.ofSeconds(5));
    ConnectorStatus stale = eventually(WITHIN, () -> ws(connector), s -> s.staleDetections() >= 1);
    long tradesAfter = stale.trades();

    ConnectorStatus flowing = eventually(WITHIN, () -> ws(connector), s -> s.trades() > tradesAfter + 5);
    assertThat(flowing.reconnects()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aRateLimitStopsEveryRestCallUntilRetryAfter() throws Exception {
    // A second server with the same Binance routes counts the REST requests that reach it.
    AtomicLong requests = new AtomicLong();
    AtomicLong requestsAfterRefusal = new AtomicLong();
    Route counted = new AllDirectives() {}.extractRequest(request -> {
      requests.incrementAndGet();
      if (rig.sim.faults().rateLimitedRequests(Exchange.BINANCE) > 0) {
        requestsAfterRefusal.incrementAndGet();
      }
      return new BinanceSimRoutes(rig.sim).route();
    });
    ServerBinding binding = Http.get(rig.system).newServerAt("127.0.0.1", 0).bind(counted)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      ConnectorSettings settings = withRestUrl(rig.settings(Exchange.BINANCE, "", ""),
          URI.create("http://127.0.0.1:" + binding.localAddress().getPort()));
      start(LIMITED, settings);
      live(connector, LIMITED);
      eventually(WITHIN, () -> rest(connector), s -> s.messages() >= 5);
      assertThat(requestsAfterRefusal.get()).isZero();

      rig.sim.faults().rateLimitNext(Exchange.BINANCE, 1, 60);
      eventually(WITHIN, () -> rest(connector), s -> s.rateLimited() >= 1);
      long wsTrades = ws(connector).trades();
      // The pollers ask every second; while the live stream delivers 30 more trades they have tried many times.
      eventually(WITHIN, () -> ws(connector), s -> s.trades() > wsTrades + 30);

      assertThat(rig.sim.faults().rateLimitedRequests(Exchange.BINANCE)).isEqualTo(1);
      // At most the other poller's request, already on its way when the 429 came; none sent after it.
      assertThat(requestsAfterRefusal.get()).isLessThanOrEqualTo(1L);
      assertThat(rest(connector).lastError()).contains("429");
    } finally {
      binding.unbind();
    }
  }

  @Test
  void malformedMessagesAreCountedPerMarketAndSkipped() {
    start(CORRUPTED, "");
    live(connector, CORRUPTED);

    rig.sim.faults().malformNext(Exchange.BINANCE, 5);
    ConnectorStatus counted = eventually(WITHIN, () -> ws(connector), s -> s.malformedTotal() >= 5);
    long tradesAfter = counted.trades();

    assertThat(counted.malformed().keySet()).allMatch(key -> key.startsWith(CORRUPTED + "|non-numeric "));
    eventually(WITHIN, () -> ws(connector), s -> s.trades() > tradesAfter + 5);
    assertThat(ws(connector).reconnects()).as("a malformed message never fails the stream").isZero();
  }

  @Test
  void aNewMarketIsBackfilledFromHistoryBeforeGoingLive() {
    assertThat(rig.status(FRESH).framesFrozen()).isZero();

    start(FRESH, "");

    MarketStatus backfilled = eventually(WITHIN, () -> rig.status(FRESH), s -> s.framesFrozen() >= 20);
    // Two hours of history are 24 five-minute windows; the oldest frozen ones lie well in the past.
    assertThat(backfilled.lastFrozenWindowStartMs()).isGreaterThan(System.currentTimeMillis() - Duration.ofMinutes(15).toMillis());
    assertThat(backfilled.counters().steps()).as("open interest history made model steps").isGreaterThanOrEqualTo(20);
    live(connector, FRESH);
    assertThat(rest(connector).lastError()).isNull();
  }

  @Test
  void historyPagesThroughLongGapsWithoutLosingOrRepeatingRows() throws Exception {
    ConnectorSettings settings = rig.settings(Exchange.BINANCE, "", "");
    ConnectorMonitor monitor = new ConnectorMonitor("binance", "history-test", Duration.ofSeconds(30), Clock.systemUTC());
    RestClient client = new RestClient(rig.system, monitor, Duration.ofSeconds(10), Clock.systemUTC());
    BinanceUrls urls = new BinanceUrls(settings.restUrl(), settings.wsUrl());
    // Both reads must see the same rows: the range ends at a minute the simulator has already closed.
    long to = rig.simulatedTime(LIVE) / 60_000 * 60_000;
    long from = to - Duration.ofMinutes(50).toMillis();

    InputBatch onePage = new BinanceHistory(client, urls, monitor).history(LIVE, from, to).toCompletableFuture().get(30, TimeUnit.SECONDS);
    InputBatch paged = new BinanceHistory(client, urls, monitor, 7, 3).history(LIVE, from, to).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(monitor.status().malformedTotal()).isZero();
    assertThat(monitor.status().lastError()).isNull();
    assertThat(onePage.tradeTimes()).hasSizeGreaterThan(100);
    assertThat(onePage.openInterest()).hasSizeBetween(9, 10);
    assertThat(onePage.ratios()).hasSameSizeAs(onePage.openInterest());
    assertThat(paged.tradeTimes()).containsExactly(onePage.tradeTimes());
    assertThat(paged.tradePrices()).containsExactly(onePage.tradePrices());
    assertThat(paged.openInterest()).isEqualTo(onePage.openInterest());
    assertThat(paged.ratios()).isEqualTo(onePage.ratios());
  }

  private static ConnectorSettings withRestUrl(ConnectorSettings s, URI restUrl) {
    return s.withUrls(s.wsUrl(), restUrl);
  }
}
