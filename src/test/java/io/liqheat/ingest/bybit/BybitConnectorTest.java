package io.liqheat.ingest.bybit;

import static io.liqheat.ingest.ConnectorRig.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.ConnectorSettings;
import io.liqheat.ingest.ConnectorState;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketStatus;
import io.liqheat.sim.SimMarketSpec;
import io.liqheat.sim.bybit.BybitSimRoutes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Bybit connector against the simulator on a real loopback socket, with real market entities.
 * Each test uses its own market, so entity state does not carry over; faults are the exchange's,
 * so the tests run one after another (JUnit's default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BybitConnectorTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final String WS_PATH = "/v5/public/linear";

  private ConnectorRig rig;

  private static MarketId market(String symbol) {
    return MarketId.parse("bybit:" + symbol);
  }

  @BeforeAll
  void startRig() {
    rig = ConnectorRig.start(List.of(
        SimMarketSpec.typical(market("BTCUSDT"), 60_000, 1),
        SimMarketSpec.typical(market("ETHUSDT"), 3_000, 1),
        SimMarketSpec.typical(market("SOLUSDT"), 150, 1),
        SimMarketSpec.typical(market("XRPUSDT"), 0.6, 1),
        SimMarketSpec.typical(market("ADAUSDT"), 0.4, 1),
        SimMarketSpec.typical(market("LINKUSDT"), 15, 1),
        SimMarketSpec.typical(market("AVAXUSDT"), 30, 1)), Duration.ofHours(2));
  }

  @AfterAll
  void stopRig() {
    rig.close();
  }

  private BybitConnector start(String overrides, MarketId... markets) {
    return start(rig.settings(Exchange.BYBIT, WS_PATH, overrides), markets);
  }

  private BybitConnector start(ConnectorSettings settings, MarketId... markets) {
    return BybitConnector.start(rig.system, settings, List.of(markets), rig.sink, Clock.systemUTC());
  }

  private static void stop(BybitConnector connector) throws Exception {
    connector.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static ConnectorStatus ws(BybitConnector connector) {
    return connector.status().get(0);
  }

  private static ConnectorStatus rest(BybitConnector connector) {
    return connector.status().get(1);
  }

  /** Waits until live trades arrive (a backfill gives the entity trades too, but not the connector's counter). */
  private static void live(BybitConnector connector) {
    eventually(WITHIN, () -> ws(connector), status -> status.trades() > 0);
  }

  /** Waits until the entity has taken more trades than {@code than}. */
  private MarketStatus tradesBeyond(MarketId market, long than) {
    return eventually(WITHIN, () -> rig.status(market), status -> status.counters().trades() > than);
  }

  @Test
  void tradesMarkAndOpenInterestReachTheEntityAndItsWatermarkAdvances() throws Exception {
    MarketId market = market("BTCUSDT");
    BybitConnector connector = start("ping-interval = 300ms", market);
    try {
      MarketStatus first = eventually(WITHIN, () -> rig.status(market),
          status -> status.counters().trades() > 0 && status.counters().steps() > 0);
      MarketStatus later = eventually(WITHIN, () -> rig.status(market),
          status -> status.watermarkMs() > first.watermarkMs() && status.counters().trades() > first.counters().trades());

      // Open interest makes steps; marks are accepted inputs beyond trades and OI.
      assertThat(later.counters().accepted()).isGreaterThan(later.counters().trades() + later.counters().steps());
      ConnectorStatus status = ws(connector);
      assertThat(status.state()).isEqualTo(ConnectorState.CONNECTED);
      assertThat(status.trades()).isPositive();
      assertThat(status.lastMessageMs()).isPositive();
      // Acks and the pongs to a ping every 300 ms are not malformed.
      assertThat(status.malformedTotal()).isZero();
      eventually(WITHIN, () -> rest(connector), rest -> rest.inputs() > 0);
    } finally {
      stop(connector);
    }
  }

  @Test
  void aDroppedConnectionIsReconnectedAndResubscribed() throws Exception {
    MarketId market = market("ETHUSDT");
    BybitConnector connector = start("", market);
    try {
      live(connector);
      rig.sim.faults().dropConnections(Exchange.BYBIT);

      // The reconnect is counted when the new attempt begins, before its backfill and upgrade; a batch
      // of the dropped connection still on its way to the entity could pass for the new one's trades.
      eventually(WITHIN, () -> ws(connector),
          status -> status.reconnects() >= 1 && status.state() == ConnectorState.CONNECTED);
      long afterReconnect = rig.status(market).counters().trades();
      tradesBeyond(market, afterReconnect);
      assertThat(ws(connector).state()).isEqualTo(ConnectorState.CONNECTED);
    } finally {
      stop(connector);
    }
  }

  @Test
  void aSilentStreamIsDetectedAsStaleAndReconnected() throws Exception {
    MarketId market = market("SOLUSDT");
    BybitConnector connector = start("stale-after = 2s", market);
    try {
      live(connector);
      rig.sim.faults().silence(Exchange.BYBIT, Duration.ofSeconds(5));

      eventually(WITHIN, () -> ws(connector), status -> status.staleDetections() >= 1);
      eventually(WITHIN, () -> rig.sim.faults().silent(Exchange.BYBIT), silent -> !silent);
      long afterSilence = rig.status(market).counters().trades();
      tradesBeyond(market, afterSilence);
      assertThat(ws(connector).reconnects()).isPositive();
    } finally {
      stop(connector);
    }
  }

  @Test
  void aRateLimitBacksAllRestCallsOffUntilRetryAfter() throws Exception {
    // A server of its own, so that the test can count the REST requests that reach it.
    BybitSimRoutes routes = new BybitSimRoutes(rig.sim);
    ServerBinding binding = Http.get(rig.system).newServerAt("127.0.0.1", 0).bind(routes.route())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    MarketId market = market("XRPUSDT");
    ConnectorSettings base = rig.settings(Exchange.BYBIT, WS_PATH, "ratio-poll-interval = 100ms");
    ConnectorSettings settings = base.withUrls(
        URI.create("ws://127.0.0.1:" + binding.localAddress().getPort() + WS_PATH),
        URI.create("http://127.0.0.1:" + binding.localAddress().getPort()));
    BybitConnector connector = start(settings, market);
    try {
      eventually(WITHIN, () -> rest(connector), status -> status.inputs() > 0);
      long refusedBefore = rig.sim.faults().rateLimitedRequests(Exchange.BYBIT);
      rig.sim.faults().rateLimitNext(Exchange.BYBIT, 1, 3);

      ConnectorStatus limited = eventually(WITHIN, () -> rest(connector), status -> status.rateLimited() >= 1);
      long requestsAtLimit = routes.restRequests();
      eventually(WITHIN, () -> rest(connector), status -> status.messages() > limited.messages());
      long requestsUntilServedAgain = routes.restRequests() - requestsAtLimit;

      // Polling every 100 ms, a client that ignored the 3 s Retry-After would have sent about 30.
      assertThat(requestsUntilServedAgain).isBetween(1L, 3L);
      assertThat(rig.sim.faults().rateLimitedRequests(Exchange.BYBIT) - refusedBefore).isEqualTo(1);
      assertThat(rest(connector).lastError()).contains("429");
    } finally {
      stop(connector);
      binding.unbind();
    }
  }

  @Test
  void malformedFramesAreCountedAndSkipped() throws Exception {
    MarketId market = market("ADAUSDT");
    BybitConnector connector = start("", market);
    try {
      live(connector);
      rig.sim.faults().malformNext(Exchange.BYBIT, 3);

      ConnectorStatus status = eventually(WITHIN, () -> ws(connector), s -> s.malformedTotal() >= 3);
      assertThat(status.malformed().keySet()).allMatch(key -> key.contains("invalid JSON"));
      long afterMalformed = rig.status(market).counters().trades();
      tradesBeyond(market, afterMalformed);
      assertThat(ws(connector).reconnects()).isZero();
    } finally {
      stop(connector);
    }
  }

  @Test
  void aNewMarketIsBackfilledFromHistoryBeforeGoingLive() throws Exception {
    MarketId market = market("LINKUSDT");
    long startedMs = System.currentTimeMillis();
    BybitConnector connector = start("", market);
    try {
      MarketStatus status = eventually(WITHIN, () -> rig.status(market), s -> s.framesFrozen() > 0);
      // The frozen windows lie in the simulated past, before the connector started.
      assertThat(status.lastFrozenWindowStartMs()).isLessThan(startedMs);
      MarketStatus filled = eventually(WITHIN, () -> rig.status(market), s -> s.framesFrozen() >= 20);
      assertThat(filled.counters().steps()).isPositive();
      tradesBeyond(market, filled.counters().trades());
    } finally {
      stop(connector);
    }
  }

  @Test
  void anUnknownSymbolIsReportedAndLeftOutWhileTheOthersStream() throws Exception {
    MarketId market = market("AVAXUSDT");
    BybitConnector connector = start("", market, market("NOPEUSDT"));
    try {
      live(connector);
      assertThat(ws(connector).lastError()).contains("bybit:NOPEUSDT").contains("10001");
      assertThat(ws(connector).malformedTotal()).isZero();
      // The stream carries only the market it streams: the API shows the unknown one as unknown.
      assertThat(ws(connector).carried()).containsExactly(market);
    } finally {
      stop(connector);
    }
  }
}
