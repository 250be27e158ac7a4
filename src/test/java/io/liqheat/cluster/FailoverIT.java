package io.liqheat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.cli.DemoConfig;
import io.liqheat.history.FramesRepository;
import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.ExchangeClock;
import io.liqheat.market.MarketId;
import io.liqheat.market.Windows;
import io.liqheat.sim.DemoMarkets;
import io.liqheat.sim.SimServer;
import io.liqheat.sim.SimulatedExchange;
import io.liqheat.testing.TestCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three liqheat JVMs on loopback, the embedded Cassandra and the simulated exchange: markets hand
 * over when a node leaves, rebalance when it comes back, and resume on the survivors when a node is
 * killed with SIGKILL, with every five-minute window frozen exactly once, the windows of the outage
 * backfilled from the exchange's history endpoints, and no earlier window changed; the read side
 * and {@code GET /api/v1/markets/{id}/frames} serve the same windows. Each market runs on exactly
 * one node whenever the test reads {@code /cluster}.
 *
 * <p>Exchange time runs 30 times faster than the wall clock (a window every 10 s), in the simulator
 * and in every node alike ({@link ExchangeClock}). The recovery time, from the kill until bands
 * flow again for every moved market, is reported in {@code target/failover-report.txt}, not
 * asserted: the deadlines below only bound how long the test waits.
 */
class FailoverIT {

  private static final double SPEED = 30;
  private static final String VERSION = "v1";
  private static final Duration HISTORY = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<LiveWatch> watches = new ArrayList<>();
  private RunningCassandra cassandra;
  private CqlSession session;
  private ActorSystem<Void> simulatorSystem;
  private SimulatedExchange sim;
  private ServerBinding simBinding;
  private Clock exchangeClock;
  private List<MarketId> markets;
  private final HistoryRequests historyRequests = new HistoryRequests();
  private final StringBuilder report = new StringBuilder();

  @Test
  void marketsHandOverRebalanceAndSurviveAKillWithEveryWindowFrozenExactlyOnce() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "failover"));
    cassandra = TestCassandra.startFresh(TestCassandra.tempDir("liqheat-failover-cassandra"));
    session = cassandra.openSession();

    long sinceMs = System.currentTimeMillis();
    exchangeClock = ExchangeClock.scaled(SPEED, sinceMs);
    simulatorSystem = SimServer.actorSystem();
    sim = new SimulatedExchange(simulatorSystem, DemoMarkets.specs(), 7, HISTORY, exchangeClock);
    simBinding = Http.get(simulatorSystem).newServerAt("127.0.0.1", 0).bind(historyRequests.counting(SimServer.routes(sim)))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    markets = sim.markets();
    String settings = "liqheat.cassandra.mode = external\n"
        + "datastax-java-driver.basic.contact-points = [\"127.0.0.1:" + cassandra.cqlPort() + "\"]\n"
        + "datastax-java-driver.basic.load-balancing-policy.local-datacenter = " + cassandra.localDatacenter() + "\n"
        // Snapshots every few windows, so that recovery is from a snapshot plus events.
        + "liqheat.market.snapshot-every = 4\n"
        + DemoConfig.nodeSettings(simBinding.localAddress().getPort(), markets, SPEED, sinceMs);

    for (int i = 1; i <= 3; i++) {
      nodes.add(NodeProcess.plan("node-" + i, dir));
    }
    List<NodeProcess> seeds = nodes.subList(0, 2);
    nodes.forEach(node -> node.start(settings, seeds));
    nodes.forEach(this::awaitReady);
    awaitUp(nodes.get(0), 3);
    awaitFrozenThrough(Windows.startOf(exchangeClock.millis()));
    Map<MarketId, Map<Long, String>> beforeHandOver = checksums();

    // 1. A node leaves by SIGTERM: coordinated shutdown hands its markets over. The node with the
    // most markets leaves (on a tie the last started, a non-seed), so that something is handed over.
    Map<MarketId, NodeProcess> initial = placementOfEveryMarket(nodes);
    List<NodeProcess> lastStartedFirst = new ArrayList<>(nodes);
    Collections.reverse(lastStartedFirst);
    NodeProcess leaving = mostMarkets(initial, lastStartedFirst);
    List<MarketId> handedOver = hostedOn(initial, leaving);
    assertThat(handedOver).as("the leaving node %s hosts markets", leaving.name).isNotEmpty();
    assertThat(leaving.stop(Duration.ofSeconds(90))).as("%s exits after coordinated shutdown", leaving.name).isTrue();
    long leftAt = exchangeClock.millis();
    List<NodeProcess> remaining = nodes.stream().filter(node -> node != leaving).toList();
    placementOfEveryMarket(remaining);
    awaitFrozenThrough(Windows.startOf(leftAt) + Windows.WINDOW_MS);
    note("hand-over: %s left by SIGTERM with %d markets %s; all resumed on the others", leaving.name, handedOver.size(),
        handedOver);

    // 2. It comes back: shards rebalance onto it.
    leaving.start(settings, seeds);
    awaitReady(leaving);
    awaitUp(nodes.get(0), 3);
    await(leaving.name + " hosts markets again after the rebalance", () -> !hostedOn(placement(nodes), leaving).isEmpty());
    note("rebalance: %s rejoined; %s", leaving.name, describe(placement(nodes)));

    // 3. The node with the most markets is killed with SIGKILL.
    Map<MarketId, NodeProcess> beforeKillPlacement = placementOfEveryMarket(nodes);
    NodeProcess victim = mostMarkets(beforeKillPlacement, nodes);
    List<MarketId> moved = hostedOn(beforeKillPlacement, victim);
    assertThat(moved).as("the victim hosts markets").isNotEmpty();
    List<NodeProcess> survivors = nodes.stream().filter(node -> node != victim).toList();
    HttpClient sseClient = HttpClient.newHttpClient();
    for (int i = 0; i < markets.size(); i++) {
      watches.add(LiveWatch.open(sseClient, survivors.get(i % survivors.size()), markets.get(i)));
    }
    Map<MarketId, Map<Long, String>> beforeKill = checksums();
    Map<MarketId, Long> historyRequestsBeforeKill = new LinkedHashMap<>();
    moved.forEach(market -> historyRequestsBeforeKill.put(market, historyRequests.of(market)));
    long killedAtWall = System.currentTimeMillis();
    long killedAt = exchangeClock.millis();
    victim.kill();

    await("bands flow again for every market on the survivors, moved ones included",
        () -> watches.stream().allMatch(watch -> watch.firstPast(killedAt).isPresent()));
    long recoveryMs = moved.stream()
        .mapToLong(market -> watch(market).firstPast(killedAt).getAsLong() - killedAtWall)
        .max().orElseThrow();
    note("failover: killed %s (SIGKILL) hosting %d markets %s; bands flowed again for every moved market %.1f s after"
        + " the kill (split-brain resolver stable-after %s, counted twice, included)", victim.name, moved.size(), moved,
        recoveryMs / 1000.0, ConfigFactory.load().getString("pekko.cluster.split-brain-resolver.stable-after"));
    moved.forEach(market -> note("  %s: bands again %.1f s after the kill", market,
        (watch(market).firstPast(killedAt).getAsLong() - killedAtWall) / 1000.0));
    for (NodeProcess survivor : survivors) {
      await(survivor.name + " sees " + victim.name + " removed", () -> {
        JsonNode view = cluster(survivor);
        return view != null && view.path("members").size() == 2 && view.path("unreachable").isEmpty();
      });
    }
    Map<MarketId, NodeProcess> afterKillPlacement = placementOfEveryMarket(survivors);
    for (MarketId market : moved) {
      assertThat(afterKillPlacement.get(market)).as("%s, moved from %s, runs on a survivor", market, victim.name)
          .isIn(survivors);
    }
    note("after the kill: %s", describe(afterKillPlacement));

    for (NodeProcess survivor : survivors) {
      await(survivor.name + " lists every market with its connector connected, wherever the connector runs", () -> {
        HttpResponse<String> list = survivor.get("/api/v1/markets");
        if (list == null || list.statusCode() != 200) {
          return false;
        }
        try {
          JsonNode summaries = JSON.readTree(list.body());
          int connected = 0;
          for (JsonNode summary : summaries) {
            connected += summary.path("connector").asText().equals("connected") ? 1 : 0;
          }
          return connected == markets.size();
        } catch (Exception e) {
          throw new IllegalStateException(list.body(), e);
        }
      });
    }

    // The outage's windows and a few after it are frozen and projected.
    long frozenThrough = Windows.startOf(exchangeClock.millis()) + Windows.WINDOW_MS;
    awaitFrozenThrough(frozenThrough);
    long readFrom = exchangeClock.millis() - HISTORY.toMillis() - Duration.ofDays(1).toMillis();
    long readTo = frozenThrough + Windows.WINDOW_MS;
    Map<MarketId, List<FrozenFrameRow>> outages = new LinkedHashMap<>();
    for (MarketId market : moved) {
      List<FrozenFrameRow> outage = rows(market, Windows.startOf(killedAt), killedAt + recoveryMs * (long) SPEED);
      outages.put(market, outage);
      note("%s: %d windows frozen during the outage, coverage %s; %d kline history requests since the kill", market,
          outage.size(), outage.stream().map(row -> String.format(java.util.Locale.ROOT, "%.2f", row.coverage())).toList(),
          historyRequests.of(market) - historyRequestsBeforeKill.get(market));
    }

    for (MarketId market : markets) {
      List<FrozenFrameRow> rows = rows(market, readFrom, readTo);
      assertContiguousAndChained(market, rows);
      assertUnchanged(market, rows, beforeHandOver.get(market));
      assertUnchanged(market, rows, beforeKill.get(market));
      assertThat(rows).as("%s: every window, backfilled ones included, has input", market)
          .allSatisfy(row -> assertThat(row.coverage()).isPositive());
      assertApiServesTheReadSide(survivors.get(markets.indexOf(market) % survivors.size()), market, readFrom, readTo, rows);
    }
    for (MarketId market : moved) {
      assertThat(outages.get(market)).as("%s: windows of the outage are frozen", market).isNotEmpty()
          .allSatisfy(row -> assertThat(row.coverage()).as("coverage of a backfilled window").isPositive());
      assertThat(historyRequests.of(market)).as("%s: its backfill asked the exchange's history after the kill", market)
          .isGreaterThan(historyRequestsBeforeKill.get(market));
    }
    note("every market: windows contiguous, each once (journal sequence numbers consecutive), hash chain intact,"
        + " earlier checksums unchanged, /api/v1/markets/{id}/frames on a survivor equal to the read side");
    System.out.println(report);
  }

  /** The node hosting the most markets; on a tie the first of {@code candidates}. */
  private NodeProcess mostMarkets(Map<MarketId, NodeProcess> placement, List<NodeProcess> candidates) {
    NodeProcess most = null;
    for (NodeProcess node : candidates) {
      if (most == null || hostedOn(placement, node).size() > hostedOn(placement, most).size()) {
        most = node;
      }
    }
    return most;
  }

  private List<MarketId> hostedOn(Map<MarketId, NodeProcess> placement, NodeProcess node) {
    return markets.stream().filter(market -> placement.get(market) == node).toList();
  }

  private String describe(Map<MarketId, NodeProcess> placement) {
    StringBuilder text = new StringBuilder();
    for (NodeProcess node : nodes) {
      text.append(text.length() == 0 ? "" : ", ").append(node.name).append(' ').append(hostedOn(placement, node));
    }
    return text.toString();
  }

  /** {@code GET /api/v1/markets/{id}/frames} on {@code node} answers the same windows and checksums as the read side. */
  private void assertApiServesTheReadSide(NodeProcess node, MarketId market, long fromMs, long toMs,
      List<FrozenFrameRow> rows) throws Exception {
    HttpResponse<String> response = node.get("/api/v1/markets/" + market + "/frames?modelVersion=" + VERSION
        + "&from=" + fromMs + "&to=" + toMs);
    assertThat(response).as("%s answers GET frames of %s", node.name, market).isNotNull();
    assertThat(response.statusCode()).as("GET frames of %s on %s: %s", market, node.name, response.body()).isEqualTo(200);
    List<String> served = new ArrayList<>();
    for (JsonNode frame : JSON.readTree(response.body()).path("frames")) {
      served.add(frame.path("windowStart").asLong() + " #" + frame.path("sequenceNr").asLong() + " "
          + frame.path("checksum").asText());
    }
    List<String> read = rows.stream().map(row -> row.windowStartMs() + " #" + row.sequenceNr() + " " + row.checksum()).toList();
    assertThat(served).as("%s: the frames %s serves, as window #sequence checksum", market, node.name)
        .containsExactlyElementsOf(read);
  }

  private LiveWatch watch(MarketId market) {
    return watches.stream().filter(watch -> watch.market.equals(market)).findFirst().orElseThrow();
  }

  private void assertContiguousAndChained(MarketId market, List<FrozenFrameRow> rows) {
    assertThat(rows).as("%s has frozen windows", market).hasSizeGreaterThan(10);
    for (int i = 1; i < rows.size(); i++) {
      FrozenFrameRow previous = rows.get(i - 1);
      FrozenFrameRow row = rows.get(i);
      String at = market + " window " + Instant.ofEpochMilli(row.windowStartMs());
      assertThat(row.windowStartMs() - previous.windowStartMs()).as("%s follows the previous window", at)
          .isEqualTo(Windows.WINDOW_MS);
      // One event per window: a window frozen twice would leave a gap in the sequence numbers.
      assertThat(row.sequenceNr()).as("%s is the journal's next event", at).isEqualTo(previous.sequenceNr() + 1);
      assertThat(row.prevChecksum()).as("%s chains to the previous window", at).isEqualTo(previous.checksum());
    }
  }

  private void assertUnchanged(MarketId market, List<FrozenFrameRow> rows, Map<Long, String> before) {
    Map<Long, String> now = new HashMap<>();
    rows.forEach(row -> now.put(row.windowStartMs(), row.checksum()));
    assertThat(before).as("%s: windows seen earlier", market).isNotEmpty();
    before.forEach((window, checksum) -> assertThat(now.get(window))
        .as("%s window %s is unchanged", market, Instant.ofEpochMilli(window))
        .isEqualTo(checksum));
  }

  private Map<MarketId, Map<Long, String>> checksums() {
    Map<MarketId, Map<Long, String>> all = new LinkedHashMap<>();
    for (MarketId market : markets) {
      Map<Long, String> windows = new LinkedHashMap<>();
      rows(market).forEach(row -> windows.put(row.windowStartMs(), row.checksum()));
      all.put(market, windows);
    }
    return all;
  }

  private List<FrozenFrameRow> rows(MarketId market) {
    return rows(market, exchangeClock.millis() - HISTORY.toMillis() - Duration.ofDays(1).toMillis(),
        exchangeClock.millis() + Duration.ofDays(1).toMillis());
  }

  /** The read side's frames of windows starting in {@code [fromMs, toMs)}. */
  private List<FrozenFrameRow> rows(MarketId market, long fromMs, long toMs) {
    try {
      return new FramesRepository(session).frames(market, VERSION, fromMs, toMs).toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("reading the frames of " + market, e);
    }
  }

  private void awaitFrozenThrough(long windowStartMs) {
    await("every market's windows through " + Instant.ofEpochMilli(windowStartMs) + " are frozen and projected",
        () -> markets.stream().allMatch(market -> {
          List<FrozenFrameRow> rows = rows(market);
          return !rows.isEmpty() && rows.get(rows.size() - 1).windowStartMs() >= windowStartMs;
        }));
  }

  /** Waits until every market runs on one of the candidates, and returns where each runs. */
  private Map<MarketId, NodeProcess> placementOfEveryMarket(List<NodeProcess> candidates) {
    AtomicReference<Map<MarketId, NodeProcess>> complete = new AtomicReference<>();
    await("every market runs on " + candidates.stream().map(node -> node.name).toList() + ", as their /cluster lists it",
        () -> {
          Map<MarketId, NodeProcess> placement = placement(candidates);
          complete.set(placement);
          return placement.keySet().containsAll(markets);
        });
    return complete.get();
  }

  /**
   * Where each market runs, as the candidates' {@code /cluster} list it, asserting that none runs on
   * two nodes. The nodes are asked one after the other, so a market moving between two of them
   * during one pass can be seen on both without ever running twice; a pass counts only when the
   * next one lists exactly the same, and a market on two nodes in two equal passes fails the test.
   */
  private Map<MarketId, NodeProcess> placement(List<NodeProcess> candidates) {
    Map<MarketId, List<NodeProcess>> previous = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Map<MarketId, List<NodeProcess>> pass = new LinkedHashMap<>();
      for (NodeProcess node : candidates) {
        hostedBy(node).forEach(market -> pass.computeIfAbsent(market, m -> new ArrayList<>()).add(node));
      }
      if (pass.equals(previous)) {
        Map<MarketId, NodeProcess> placement = new LinkedHashMap<>();
        pass.forEach((market, hosts) -> {
          assertThat(hosts).as("%s runs on exactly one node, not on %s", market,
              hosts.stream().map(node -> node.name).toList()).hasSize(1);
          placement.put(market, hosts.get(0));
        });
        return placement;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("two passes over /cluster did not agree within " + WAIT + "; the last: " + pass);
      }
      previous = pass;
      pause();
    }
  }

  private List<MarketId> hostedBy(NodeProcess node) {
    JsonNode view = cluster(node);
    List<MarketId> hosted = new ArrayList<>();
    if (view != null) {
      view.path("markets").forEach(id -> hosted.add(MarketId.parse(id.asText())));
    }
    return hosted;
  }

  private JsonNode cluster(NodeProcess node) {
    HttpResponse<String> response = node.alive() ? node.get("/cluster") : null;
    if (response == null || response.statusCode() != 200) {
      return null;
    }
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException("GET /cluster on " + node.name + " answered " + response.body(), e);
    }
  }

  private void awaitReady(NodeProcess node) {
    await(node.name + " is ready", () -> {
      assertThat(node.alive()).as("%s is running; its log ends:\n%s", node.name, node.logTail()).isTrue();
      return node.status("/health/ready") == 200;
    });
  }

  private void awaitUp(NodeProcess node, int members) {
    await(members + " members are Up as " + node.name + " sees them", () -> {
      JsonNode view = cluster(node);
      if (view == null) {
        return false;
      }
      int up = 0;
      for (JsonNode member : view.path("members")) {
        up += member.path("status").asText().equals("Up") ? 1 : 0;
      }
      return up == members;
    });
  }

  /** Polls {@code condition} every half second; a deadline to give up, not a timing assertion. */
  private void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        StringBuilder logs = new StringBuilder();
        nodes.forEach(node -> logs.append("\n--- ").append(node.name).append(" (").append(node.log()).append(")\n")
            .append(node.logTail()));
        throw new AssertionError("gave up after " + WAIT + " waiting until " + what + logs);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Adds a line to the report and writes it at once, so that a run failing later still leaves its figures. */
  private void note(String format, Object... args) {
    report.append(String.format(java.util.Locale.ROOT, format, args)).append('\n');
    try {
      Files.writeString(Path.of("target", "failover-report.txt"), report.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing target/failover-report.txt", e);
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    watches.forEach(LiveWatch::close);
    for (NodeProcess node : nodes) {
      node.close();
    }
    if (session != null) {
      session.close();
    }
    if (sim != null) {
      sim.close();
    }
    if (simBinding != null) {
      simBinding.unbind();
    }
    if (simulatorSystem != null) {
      simulatorSystem.terminate();
    }
    if (cassandra != null) {
      cassandra.close();
    }
  }
}
