package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.cassandra.CassandraInstall;
import io.liqheat.cassandra.EmbeddedCassandra;
import io.liqheat.cassandra.EmbeddedCassandraSettings;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.cassandra.SchemaApplier;
import io.liqheat.cli.LiqheatCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import io.liqheat.market.Windows;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The read side against a real Cassandra 5.0 node, started once for the class on free ports with
 * the project's own schema: WindowFrozen events persisted through Pekko Persistence with the
 * Cassandra plugin, projected from the tag into frames_by_market_day, read back, and printed by
 * {@code liqheat frames}. The tests run in order and build on each other's rows.
 *
 * <p>Nothing here times anything: every wait polls for a state with a generous deadline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FramesProjectionIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String VERSION = "v1";
  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final MarketId ETH = MarketId.parse("bybit:ETHUSDT");
  private static final String DAY_1 = "2026-11-20";
  private static final String DAY_2 = "2026-11-21";

  /** BTC: 23:50, 23:55 | 00:00, 00:05 — ETH: 23:55 | 00:00, 00:05, across midnight UTC. */
  private static final List<WindowFrozen> BTC_WINDOWS =
      FrozenWindows.chain(BTC, VERSION, at("2026-11-20T23:50:00Z"), 4, 97_000, "");
  private static final List<WindowFrozen> ETH_WINDOWS =
      FrozenWindows.chain(ETH, VERSION, at("2026-11-20T23:55:00Z"), 3, 3_100, "");

  @TempDir static Path dataDir;

  private static RunningCassandra node;
  private static CqlSession session;
  private static ActorTestKit testKit;
  private static FramesProjection projection;
  private static FramesRepository repository;
  private static final Map<MarketId, ActorRef<FrozenWindowLog.Append>> logs = new HashMap<>();

  @BeforeAll
  static void startNodeAndPersistEvents() {
    node = new EmbeddedCassandra(EmbeddedCassandraSettings.onFreePorts(dataDir), System.out::println)
        .start()
        .stopOnJvmExit();
    System.out.printf("Cassandra %s answered CQL after %d ms%n", node.releaseVersion(), node.startupTime().toMillis());
    session = node.openSession();
    new SchemaApplier(session, System.out::println).applyDirectory(CassandraInstall.locate().schemaDir());

    // The service's own Pekko configuration (application.conf), pointed at this node; a local
    // provider, since neither persistence nor the projection needs the cluster.
    Config config =
        ConfigFactory.parseString(
                "pekko.actor.provider = local\n"
                    + "datastax-java-driver.basic.contact-points = [\"" + contactPoint() + "\"]\n")
            .withFallback(ConfigFactory.load());
    testKit = ActorTestKit.create("FramesProjectionIT", config);
    projection = new FramesProjection(testKit.system());
    repository = new FramesRepository(session);

    persist(BTC, BTC_WINDOWS.subList(0, 2));
    persist(BTC, BTC_WINDOWS.subList(2, 4));
    persist(ETH, ETH_WINDOWS);
  }

  @AfterAll
  static void stopEverything() {
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
    if (session != null) {
      session.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void everyWindowBecomesOneRowInTheDayPartitionOfItsStart() throws Exception {
    RunningProjection running = projection.start();
    awaitProjected(BTC, last(BTC_WINDOWS));
    awaitProjected(ETH, last(ETH_WINDOWS));
    await(() -> running.projectedEvents() >= 7);
    stop(running);

    assertThat(read(BTC)).containsExactlyElementsOf(expectedRows(BTC_WINDOWS, 1));
    assertThat(read(ETH)).containsExactlyElementsOf(expectedRows(ETH_WINDOWS, 1));
    assertThat(windowsOfDay(BTC, DAY_1)).containsExactly(start(BTC_WINDOWS, 0), start(BTC_WINDOWS, 1));
    assertThat(windowsOfDay(BTC, DAY_2)).containsExactly(start(BTC_WINDOWS, 2), start(BTC_WINDOWS, 3));
    assertThat(windowsOfDay(ETH, DAY_1)).containsExactly(start(ETH_WINDOWS, 0));
    assertThat(windowsOfDay(ETH, DAY_2)).containsExactly(start(ETH_WINDOWS, 1), start(ETH_WINDOWS, 2));
    assertThat(rowCount()).isEqualTo(7);
    assertThat(join(projection.storedOffset())).isPresent();

    // The rows keep the hash chain, and each frame blob still hashes to what the event froze.
    List<FrozenFrameRow> btc = read(BTC);
    for (int i = 1; i < btc.size(); i++) {
      assertThat(btc.get(i).prevChecksum()).isEqualTo(btc.get(i - 1).checksum());
    }
    for (int i = 0; i < btc.size(); i++) {
      assertThat(btc.get(i).frame().checksum()).isEqualTo(BTC_WINDOWS.get(i).frame().checksum());
    }
  }

  @Test
  @Order(2)
  void aRangeReadsOnlyItsWindowsAcrossMidnight() throws Exception {
    List<FrozenFrameRow> middle =
        join(repository.frames(BTC, VERSION, start(BTC_WINDOWS, 1), start(BTC_WINDOWS, 3)));

    assertThat(middle).extracting(FrozenFrameRow::windowStartMs)
        .containsExactly(start(BTC_WINDOWS, 1), start(BTC_WINDOWS, 2));
    assertThat(repository.stream(BTC, VERSION, start(BTC_WINDOWS, 1), start(BTC_WINDOWS, 3)).toList())
        .isEqualTo(middle);
    assertThat(join(repository.frames(BTC, "v1-book", at("2026-11-20T00:00:00Z"), at("2026-11-22T00:00:00Z"))))
        .as("another model version has its own partitions")
        .isEmpty();
  }

  @Test
  @Order(3)
  void projectingAgainFromTheStartRewritesTheSameRowsWithoutDuplicates() throws Exception {
    List<FrozenFrameRow> before = allRows();
    Map<String, Long> writtenBefore = writeTimes();

    join(projection.resetOffset());
    assertThat(join(projection.storedOffset())).isEmpty();
    RunningProjection running = projection.start();
    await(() -> running.projectedEvents() >= 7);
    stop(running);

    assertThat(allRows()).containsExactlyElementsOf(before);
    assertThat(rowCount()).isEqualTo(7);
    Map<String, Long> writtenAfter = writeTimes();
    assertThat(writtenAfter.keySet()).isEqualTo(writtenBefore.keySet());
    writtenBefore.forEach(
        (row, time) -> assertThat(writtenAfter.get(row)).as("rewritten: " + row).isGreaterThan(time));
  }

  @Test
  @Order(4)
  void aRestartResumesAtTheStoredOffset() throws Exception {
    Map<String, Long> writtenBefore = writeTimes();
    WindowFrozen next =
        FrozenWindows.chain(BTC, VERSION, last(BTC_WINDOWS) + Windows.WINDOW_MS, 1, 97_500, BTC_WINDOWS.get(3).checksum())
            .get(0);

    RunningProjection running = projection.start();
    persist(BTC, List.of(next));
    awaitProjected(BTC, next.windowStartMs());
    await(() -> running.projectedEvents() >= 1);
    stop(running);

    assertThat(running.projectedEvents()).as("only the new event was projected").isEqualTo(1);
    Map<String, Long> writtenAfter = writeTimes();
    writtenBefore.forEach(
        (row, time) -> assertThat(writtenAfter.get(row)).as("not rewritten: " + row).isEqualTo(time));
    assertThat(rowCount()).isEqualTo(8);
    FrozenFrameRow newest = read(BTC).get(4);
    assertThat(newest).isEqualTo(FrozenFrameRow.of(next, 5));
    assertThat(newest.prevChecksum()).isEqualTo(BTC_WINDOWS.get(3).checksum());
  }

  @Test
  @Order(5)
  void framesPrintsOneJsonLinePerWindowFromTheReadSide() throws Exception {
    Path conf = dataDir.resolve("frames.conf");
    Files.writeString(conf, "datastax-java-driver.basic.contact-points = [\"" + contactPoint() + "\"]\n");

    Output all = frames("--market", BTC.toString(), "--config", conf.toString());

    assertThat(all.exit).as(all.err).isZero();
    List<JsonNode> lines = all.jsonLines();
    assertThat(lines).hasSize(5);
    List<FrozenFrameRow> rows = read(BTC);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      FrozenFrameRow row = rows.get(i);
      assertThat(line.get("windowStart").asLong()).isEqualTo(row.windowStartMs());
      assertThat(line.get("checksum").asText()).isEqualTo(row.checksum());
      assertThat(line.get("prevChecksum").asText()).isEqualTo(row.prevChecksum());
      assertThat(line.get("coverage").asDouble()).isEqualTo(row.coverage());
      assertThat(line.get("modelVersion").asText()).isEqualTo(VERSION);
      assertThat(line.get("candle").isNull()).isEqualTo(row.candle() == null);
      assertThat(line.get("bands").size()).isBetween(2, 6);
    }
    assertThat(lines.get(0).get("oiCloseBase").isNull()).as("unknown before the first OI").isTrue();
    assertThat(lines.get(2).get("candle").get("volume").isNull()).isTrue();
    assertThat(all.out).doesNotContain("NaN");
    assertThat(all.err).contains("5 frames of binance:BTCUSDT", "not a trading signal");

    Output acrossMidnight =
        frames("--market", BTC.toString(), "--config", conf.toString(), "--from", "2026-11-20T23:55:00Z",
            "--to", "2026-11-21T00:05:00Z");
    assertThat(acrossMidnight.jsonLines())
        .extracting(line -> line.get("windowStart").asLong())
        .containsExactly(start(BTC_WINDOWS, 1), start(BTC_WINDOWS, 2));

    Output otherMarket = frames("--market", "okx:BTC-USDT-SWAP", "--config", conf.toString());
    assertThat(otherMarket.exit).isZero();
    assertThat(otherMarket.out).isEmpty();
    assertThat(otherMarket.err).contains("no frozen frames of okx:BTC-USDT-SWAP under model version v1");
  }

  // ---- helpers ----

  private static String contactPoint() {
    return "127.0.0.1:" + node.cqlPort();
  }

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static long start(List<WindowFrozen> windows, int index) {
    return windows.get(index).windowStartMs();
  }

  private static long last(List<WindowFrozen> windows) {
    return windows.get(windows.size() - 1).windowStartMs();
  }

  private static List<FrozenFrameRow> expectedRows(List<WindowFrozen> windows, long firstSequenceNr) {
    return IntStream.range(0, windows.size())
        .mapToObj(i -> FrozenFrameRow.of(windows.get(i), firstSequenceNr + i))
        .toList();
  }

  private static void persist(MarketId market, List<WindowFrozen> events) {
    ActorRef<FrozenWindowLog.Append> log =
        logs.computeIfAbsent(market, m -> testKit.spawn(FrozenWindowLog.create(m), "log-" + m.exchange().id()));
    TestProbe<Done> probe = testKit.createTestProbe();
    log.tell(new FrozenWindowLog.Append(events, probe.ref()));
    probe.expectMessage(PATIENCE, Done.getInstance());
  }

  private static List<FrozenFrameRow> read(MarketId market) throws Exception {
    return join(repository.frames(market, VERSION, at("2026-11-20T00:00:00Z"), at("2026-11-22T00:00:00Z")));
  }

  private static List<FrozenFrameRow> allRows() throws Exception {
    List<FrozenFrameRow> rows = new ArrayList<>(read(BTC));
    rows.addAll(read(ETH));
    return rows;
  }

  private static List<Long> windowsOfDay(MarketId market, String day) {
    return session
        .execute(
            "SELECT window_start_ms FROM liqheat.frames_by_market_day WHERE market = ? AND model_version = ? AND day = ?",
            market.toString(), VERSION, day)
        .all().stream()
        .map(row -> row.getLong(0))
        .toList();
  }

  private static long rowCount() {
    return session.execute("SELECT market FROM liqheat.frames_by_market_day").all().size();
  }

  /** When each row was last written (Cassandra's own write timestamp, in µs), by market and window. */
  private static Map<String, Long> writeTimes() {
    Map<String, Long> times = new HashMap<>();
    for (Row row :
        session.execute("SELECT market, window_start_ms, writetime(checksum) FROM liqheat.frames_by_market_day")) {
      times.put(row.getString(0) + "@" + row.getLong(1), row.getLong(2));
    }
    return times;
  }

  private static void awaitProjected(MarketId market, long windowStartMs) {
    await(() -> join(projection.lastProjectedWindow(market, VERSION)).filter(w -> w == windowStartMs).isPresent());
  }

  private static void await(BooleanSupplier condition) {
    testKit.createTestProbe().awaitAssert(PATIENCE, Duration.ofMillis(200), () -> {
      assertThat(condition.getAsBoolean()).isTrue();
      return null;
    });
  }

  private static void stop(RunningProjection running) throws Exception {
    running.stop().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  private static <T> T join(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private record Output(int exit, String out, String err) {
    List<JsonNode> jsonLines() throws Exception {
      ObjectMapper json = new ObjectMapper();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          lines.add(json.readTree(line));
        }
      }
      return lines;
    }
  }

  private static Output frames(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = LiqheatCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 1];
    full[0] = "frames";
    System.arraycopy(args, 0, full, 1, args.length);
    int exit = commandLine.execute(full);
    return new Output(exit, out.toString(), err.toString());
  }
}
