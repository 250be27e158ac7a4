package io.liqheat.ingest.okx;

import static io.liqheat.ingest.ConnectorRig.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.ConnectorSettings;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketStatus;
import io.liqheat.sim.SimMarketSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OKX connector against the simulator on a real loopback socket, with real sharded entities.
 * Each test reads its own market, so every entity starts empty; waits are deadlines, not timings.
 */
class OkxConnectorTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final MarketId BTC = MarketId.parse("okx:BTC-USDT-SWAP");
  private static final MarketId ETH = MarketId.parse("okx:ETH-USDT-SWAP");
  private static final MarketId SOL = MarketId.parse("okx:SOL-USDT-SWAP");
  private static final MarketId DOGE = MarketId.parse("okx:DOGE-USDT-SWAP");
  private static final MarketId XRP = MarketId.parse("okx:XRP-USDT-SWAP");
  private static final MarketId ADA = MarketId.parse("okx:ADA-USDT-SWAP");

  private static ConnectorRig rig;
  private OkxConnector connector;

  @BeforeAll
  static void startRig() {
    rig = ConnectorRig.start(List.of(
        busy(BTC, 60_000, 0.01), busy(ETH, 3_000, 0.1), busy(SOL, 150, 1), busy(DOGE, 0.15, 1000),
        busy(XRP, 0.6, 100), busy(ADA, 0.45, 100)), Duration.ofHours(2));
  }

  /** A market trading a few times a second, so counters move quickly. */
  private static SimMarketSpec busy(MarketId market, double price, double contractSize) {
    SimMarketSpec typical = SimMarketSpec.typical(market, price, contractSize);
    return new SimMarketSpec(market, price, typical.dailyVolatility(), 20, 2, typical.meanPositionUsd(),
        typical.leverageTiers(), typical.leverageWeights(), typical.maintenanceMarginRate(), contractSize);
  }

  @AfterAll
  static void stopRig() {
    rig.close();
  }

  @AfterEach
  void stopConnector() throws Exception {
    if (connector != null) {
      connector.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private OkxConnector start(MarketId market, String overrides) {
    ConnectorSettings settings = rig.settings(Exchange.OKX, "/ws/v5/public", overrides);
    connector = OkxConnector.start(rig.system, settings, List.of(market), rig.sink, Clock.systemUTC());
    return connector;
  }

  private ConnectorStatus status() {
    return connector.status().get(0);
  }

  private long tradesNow(MarketId market) {
    return rig.status(market).counters().trades();
  }

  /** Live trades flow (the backfill also brings trades to the entity, but not through the socket). */
  private void live() {
    eventually(WITHIN, this::status, s -> s.trades() > 0);
  }

  private void tradesKeepGrowing(MarketId market) {
    long before = tradesNow(market);
    eventually(WITHIN, () -> tradesNow(market), trades -> trades > before);
  }

  @Test
  void subscribesAndFeedsTradesOpenInterestAndMarksToTheEntity() {
    start(BTC, "");
    live();

    long watermark = rig.status(BTC).watermarkMs();
    long steps = rig.status(BTC).counters().steps();
    tradesKeepGrowing(BTC);
    eventually(WITHIN, () -> rig.status(BTC).watermarkMs(), w -> w > watermark);
    // A model step is made on each open-interest observation, placed at the trades' and marks' prices.
    eventually(WITHIN, () -> rig.status(BTC).counters().steps(), s -> s > steps);
    ConnectorStatus status = eventually(WITHIN, this::status, s -> s.inputs() > s.trades() + 10);
    assertThat(status.malformedTotal()).isZero();
    assertThat(status.lastMessageMs()).isPositive();
    assertThat(status.state()).isEqualTo(io.liqheat.ingest.ConnectorState.CONNECTED);
  }

  @Test
  void reconnectsAndResubscribesAfterTheServerDropsTheConnection() {
    start(ETH, "");
    live();

    rig.sim.faults().dropConnections(Exchange.OKX);

    eventually(WITHIN, this::status, s -> s.reconnects() >= 1);
    tradesKeepGrowing(ETH);
  }

  @Test
  void aSilentStreamIsDetectedAsStaleAndReconnected() {
    start(SOL, "stale-after = 2s");
    live();

    rig.sim.faults().silence(Exchange.OKX, Duration.ofSeconds(4));

    eventually(WITHIN, this::status, s -> s.staleDetections() >= 1);
    eventually(WITHIN, () -> rig.sim.faults().silent(Exchange.OKX), silent -> !silent);
    tradesKeepGrowing(SOL);
  }

  @Test
  void aRateLimitedAnswerMakesTheConnectorWaitOutRetryAfter() {
    start(DOGE, "ratio-poll-interval = 200ms");
    live();

    // Taken before the budget is set: the poller asks every 200 ms and may be refused at once.
    long refusedBefore = rig.sim.faults().rateLimitedRequests(Exchange.OKX);
    rig.sim.faults().rateLimitNext(Exchange.OKX, 2, 2);

    // Every request that reaches the simulator while the budget lasts is refused and counted there.
    // While the connector says it is blocked, that count must not move: nothing was sent. The block
    // is read before the count, and the sample kept only if both counts were read before that block
    // could have ended: a refusal counted just before a block began, or in a gap between the two
    // blocks, is no request sent during one.
    long deadline = System.nanoTime() + WITHIN.toNanos();
    int blockedSamples = 0;
    while (status().rateLimited() < 2 || connector.restBlockedForMs() > 0) {
      assertThat(System.nanoTime()).as("the two refusals were not both waited out").isLessThan(deadline);
      long sampledNanos = System.nanoTime();
      long blockedForMs = connector.restBlockedForMs();
      long countBefore = rig.sim.faults().rateLimitedRequests(Exchange.OKX);
      long countAfter = rig.sim.faults().rateLimitedRequests(Exchange.OKX);
      boolean blocked = blockedForMs > 0 && System.nanoTime() - sampledNanos < TimeUnit.MILLISECONDS.toNanos(blockedForMs);
      if (blocked) {
        blockedSamples++;
        assertThat(countAfter).as("a request reached the simulator during the Retry-After").isEqualTo(countBefore);
      }
      sleep(20);
    }
    assertThat(blockedSamples).isPositive();
    assertThat(status().rateLimited()).isEqualTo(rig.sim.faults().rateLimitedRequests(Exchange.OKX) - refusedBefore);
    tradesKeepGrowing(DOGE);
  }

  @Test
  void malformedMessagesAreCountedAndSkipped() {
    start(XRP, "");
    live();

    rig.sim.faults().malformNext(Exchange.OKX, 5);

    // Other connections may take some of the five; this one sees at least one, cut in half.
    eventually(WITHIN, this::status, s -> s.malformedTotal() >= 1);
    assertThat(status().malformed()).containsOnlyKeys("okx:XRP-USDT-SWAP|invalid JSON");
    tradesKeepGrowing(XRP);
  }

  @Test
  void anEmptyEntityIsBackfilledFromTheHistoryEndpoints() {
    assertThat(rig.status(ADA).framesFrozen()).isZero();

    start(ADA, "");

    // Two hours of simulated history: the backfill freezes past windows before the stream goes live.
    MarketStatus status = eventually(WITHIN, () -> rig.status(ADA), s -> s.framesFrozen() >= 12);
    assertThat(status.lastFrozenWindowStartMs()).isLessThan(System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());
    assertThat(status().malformedTotal()).isZero();
  }

  @Test
  void aMarketOkxDoesNotKnowIsReportedAndSkipped() {
    MarketId unknown = MarketId.parse("okx:NOPE-USDT-SWAP");
    ConnectorSettings settings = rig.settings(Exchange.OKX, "/ws/v5/public", "");
    connector = OkxConnector.start(rig.system, settings, List.of(unknown, BTC), rig.sink, Clock.systemUTC());

    eventually(WITHIN, this::status, s -> s.lastError() != null && s.lastError().contains("NOPE-USDT-SWAP"));
    tradesKeepGrowing(BTC);
    // The connection carries only the market it streams: the API shows the unknown one as unknown.
    assertThat(status().carried()).containsExactly(BTC);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
