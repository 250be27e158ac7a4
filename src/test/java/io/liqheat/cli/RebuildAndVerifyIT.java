package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.liqheat.backtest.Bar;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.history.FramesRepository;
import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.BarInputs;
import io.liqheat.market.FrameChecksum;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import io.liqheat.market.Windows;
import io.liqheat.model.DensityFrame;
import io.liqheat.sim.SampleMarket;
import io.liqheat.testing.TestCassandra;
import io.liqheat.testing.TestNodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code liqheat rebuild} and {@code liqheat verify} on a Cassandra node of their own (so that the
 * whole read side is this test's and can be compared row for row), with a journal written by real
 * market entities from simulated bars, and with the service's node running beside the commands all
 * along, as they are meant to run. The tests run in order and build on each other.
 *
 * <p>The journal's partitions are made small ({@link #JOURNAL_PARTITIONS}) for the node and the
 * commands alike, so that the commands, which read the journal's table themselves, read markets
 * whose events span several partitions, including persists that crossed a partition's end and
 * were written whole to the next partition, as the persistence plugin does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildAndVerifyIT {

  private static final String V1 = "v1";
  /**
   * A calibration of the test's own with bins twice as wide: every frame differs from v1's. (v1-book
   * would not do: its one change, the range term, has nothing to act on in bars without marks.)
   */
  private static final String BOOK = "v1-coarse";
  private static final String COARSE =
      "liqheat.model.versions.v1-coarse = ${liqheat.model.versions.v1} { grid { kind = relative, width = 0.001 } }\n";
  private static final MarketId A = MarketId.parse("binance:REBUILDAUSDT");
  private static final MarketId B = MarketId.parse("bybit:REBUILDBUSDT");
  /** Fed A's bars under v1-coarse by a live node: what a derived v1-coarse series of A must hold. */
  private static final MarketId C = MarketId.parse("okx:REBUILD-USDT-SWAP");
  private static final long BAR_MS = Windows.WINDOW_MS;
  /**
   * Events per journal partition. Markets are fed 100 bars per batch, so persists of ~100 windows
   * cross the ends of 150-event partitions (and never span three, which the plugin refuses).
   */
  private static final String JOURNAL_PARTITIONS = "pekko.persistence.cassandra.journal.target-partition-size = 150\n";

  private static RunningCassandra cassandra;
  private static CqlSession session;
  private static LiqheatNode node;
  private static Path conf;
  private static List<Bar> barsA;

  @BeforeAll
  static void writeJournals() throws Exception {
    Path dir = TestCassandra.tempDir("liqheat-rebuild-it");
    cassandra = TestCassandra.startFresh(dir.resolve("cassandra"));
    session = cassandra.openSession();
    barsA = SampleMarket.generate(21, 400, 5).bars();
    // One cluster writes the sharding coordinator's journal at a time: the v1-coarse node first, and
    // it does not remember C, or the v1 node would start C again and fail to recover it under v1.
    try (LiqheatNode book = LiqheatNode.start(nodeConfig(
        COARSE + "liqheat.model.version = " + BOOK + "\npekko.cluster.sharding.remember-entities = off"))) {
      feed(book, C, barsA);
    }
    node = LiqheatNode.start(nodeConfig(COARSE
        + "liqheat.http.enabled = on\nliqheat.http.port = 0\nliqheat.ingest.markets = [\"" + A + "\", \"" + B + "\"]"));
    feed(node, A, barsA);
    feed(node, B, SampleMarket.generate(22, 250, 5).bars());
    conf = dir.resolve("command.conf");
    Files.writeString(conf,
        "datastax-java-driver.basic.contact-points = [\"127.0.0.1:" + cassandra.cqlPort() + "\"]\n"
            + "datastax-java-driver.basic.load-balancing-policy.local-datacenter = datacenter1\n"
            + "liqheat.cassandra.mode = external\n" + COARSE + JOURNAL_PARTITIONS);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (session != null) {
      session.close();
    }
    if (cassandra != null) {
      cassandra.close();
    }
  }

  @Test
  @Order(1)
  void aCleanJournalAndReadSideVerify() {
    CommandRun run = command("verify");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("verify: everything matches; checked 3 markets, 1050 frames (1050 rows)");
  }

  @Test
  @Order(2)
  void rebuildingTheReadSideGivesBackEveryRowAsItWasAndDropsRowsTheJournalDoesNotBack() {
    Map<String, List<String>> before = snapshot();
    Map<String, Long> writtenBefore = writeTimes();
    long beforeFirst = windows(A).get(0) - BAR_MS;
    session.execute("INSERT INTO liqheat.frames_by_market_day (market, model_version, day, window_start_ms, checksum)"
        + " VALUES (?, ?, ?, ?, 'stray')", A.toString(), V1, io.liqheat.history.FrameDays.dayOf(beforeFirst), beforeFirst);

    CommandRun run = command("rebuild", "read-side");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("rebuilt the read side from the journal: 3 markets, 1050 frames (1050 rows)");
    assertThat(snapshot()).isEqualTo(before);
    Map<String, Long> writtenAfter = writeTimes();
    writtenBefore.forEach((row, time) -> assertThat(writtenAfter.get(row)).as("rewritten: " + row).isGreaterThan(time));
  }

  @Test
  @Order(3)
  void rebuildingOneMarketRewritesOnlyItsRows() {
    Map<String, List<String>> before = snapshot();
    Map<String, Long> writtenBefore = writeTimes();

    CommandRun run = command("rebuild", "read-side", "--market", A.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("1 markets, 400 frames (400 rows)");
    assertThat(snapshot()).isEqualTo(before);
    Map<String, Long> writtenAfter = writeTimes();
    writtenBefore.forEach((row, time) -> {
      if (row.startsWith(A + "@")) {
        assertThat(writtenAfter.get(row)).as("rewritten: " + row).isGreaterThan(time);
      } else {
        assertThat(writtenAfter.get(row)).as("untouched: " + row).isEqualTo(time);
      }
    });
  }

  @Test
  @Order(4)
  void aDerivedVersionIsTheHistoryFrozenAnewUnderItsCalibrationAndLeavesTheOriginalAlone() throws Exception {
    List<String> journalBefore = journal(A).stream().map(WindowFrozen::checksum).toList();
    List<FrozenFrameRow> ownBefore = rows(A, V1);

    CommandRun run = command("rebuild", "--market", A.toString(), "--model-version", BOOK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("froze the history of " + A + " anew under model version v1-coarse: 1 markets, 400 frames");
    assertThat(journal(A).stream().map(WindowFrozen::checksum).toList()).isEqualTo(journalBefore);
    assertThat(rows(A, V1)).isEqualTo(ownBefore);

    List<WindowFrozen> recorded = journal(A);
    List<FrozenFrameRow> derived = rows(A, BOOK);
    List<FrozenFrameRow> live = rows(C, BOOK);
    assertThat(derived).hasSize(400).hasSameSizeAs(live);
    String previous = "";
    int framesThatDiffer = 0;
    for (int i = 0; i < derived.size(); i++) {
      FrozenFrameRow row = derived.get(i);
      FrozenFrameRow own = ownBefore.get(i);
      WindowFrozen event = recorded.get(i);
      assertThat(row.windowStartMs()).isEqualTo(own.windowStartMs());
      assertThat(row.sequenceNr()).isEqualTo(own.sequenceNr());
      assertThat(List.of(row.candle() == null ? "none" : row.candle(), row.oiCloseBase(), row.oiCloseUsd(),
              row.coverage(), row.printedLongUsd(), row.printedShortUsd(), row.closePrice(), row.frameRange(),
              row.stepCount()))
          .isEqualTo(List.of(own.candle() == null ? "none" : own.candle(), own.oiCloseBase(), own.oiCloseUsd(),
              own.coverage(), own.printedLongUsd(), own.printedShortUsd(), own.closePrice(), own.frameRange(),
              own.stepCount()));
      // The frame a live v1-coarse node froze from the same bars.
      assertThat(row.frame()).as("window " + i).isEqualTo(live.get(i).frame());
      framesThatDiffer += row.frame().equals(own.frame()) ? 0 : 1;
      // Its own chain, over its own content and the recorded steps.
      assertThat(row.prevChecksum()).isEqualTo(previous);
      WindowFrozen rechained = WindowFrozen.chained(A, row.windowStartMs(), BOOK, event.steps(), row.candle(),
          row.oiCloseBase(), row.oiCloseUsd(), row.coverage(), row.printedLongUsd(), row.printedShortUsd(),
          row.closePrice(), row.frameRange(), row.frame(), previous);
      assertThat(row.checksum()).isEqualTo(rechained.checksum()).isEqualTo(FrameChecksum.of(rechained));
      previous = row.checksum();
    }
    assertThat(framesThatDiffer).as("another calibration, other frames").isGreaterThan(derived.size() / 2);
    assertThat(session.execute("SELECT last_window_start_ms FROM liqheat.frames_progress WHERE market = ? AND model_version = ?",
        A.toString(), BOOK).one().getLong(0)).isEqualTo(derived.get(derived.size() - 1).windowStartMs());

    // A read-side rebuild derives it again (its calibration is configured), and verify checks it too.
    Map<String, List<String>> before = snapshot();
    assertThat(command("rebuild", "read-side", "--market", A.toString()).out()).contains("400 frames (800 rows)");
    assertThat(snapshot()).isEqualTo(before);
    CommandRun verify = command("verify", "--market", A.toString());
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("1 markets, 400 frames (800 rows)");
  }

  @Test
  @Order(5)
  void theHistoryApiServesTheDerivedSeries() throws Exception {
    List<FrozenFrameRow> derived = rows(A, BOOK);
    long from = derived.get(0).windowStartMs();
    long to = derived.get(derived.size() - 1).windowStartMs() + BAR_MS;
    String base = node.http().orElseThrow().url() + "api/v1/markets/" + A + "/";

    JsonNode frames = get(base + "frames?modelVersion=" + BOOK + "&from=" + from + "&to=" + to);
    JsonNode heatmap = get(base + "heatmap?modelVersion=" + BOOK + "&from=" + from + "&to=" + to);
    JsonNode own = get(base + "frames?from=" + from + "&to=" + to);

    assertThat(frames.get("modelVersion").asText()).isEqualTo(BOOK);
    List<String> served = new ArrayList<>();
    frames.get("frames").forEach(frame -> served.add(frame.get("checksum").asText()));
    assertThat(served).isEqualTo(derived.stream().map(FrozenFrameRow::checksum).toList());
    assertThat(heatmap.get("modelVersion").asText()).isEqualTo(BOOK);
    assertThat(heatmap.get("times")).hasSize(derived.size());
    assertThat(own.get("modelVersion").asText()).isEqualTo(V1);
    assertThat(own.get("frames").get(0).get("checksum").asText()).isEqualTo(rows(A, V1).get(0).checksum());
  }

  @Test
  @Order(6)
  void aDerivationUnderTheJournalsOwnOrAnUnknownVersionIsRefused() {
    CommandRun own = command("rebuild", "--market", A.toString(), "--model-version", V1);
    CommandRun unknown = command("rebuild", "--market", A.toString(), "--model-version", "v9");
    CommandRun noJournal = command("rebuild", "--market", "binance:NOSUCHUSDT", "--model-version", BOOK);

    assertThat(own.exitCode()).isEqualTo(2);
    assertThat(own.err()).startsWith("liqheat: " + A + " was frozen under model version v1: its rows come from the journal's events");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("liqheat: liqheat.model.versions.v9: no such model version; configured: [v1, v1-book, v1-coarse]");
    assertThat(noJournal.exitCode()).isEqualTo(2);
    assertThat(noJournal.err()).contains("the journal holds no frozen window of binance:NOSUCHUSDT");
    assertThat(session.execute("SELECT * FROM liqheat.frames_by_market_day WHERE market = ? AND model_version = 'v9'"
        + " ALLOW FILTERING", A.toString()).all()).isEmpty();
  }

  @Test
  @Order(7)
  void aCorruptedReadSideRowIsReportedPreciselyAndARebuildRepairsIt() {
    long window = windows(B).get(7);
    String day = io.liqheat.history.FrameDays.dayOf(window);
    String checksum = session.execute("SELECT checksum FROM liqheat.frames_by_market_day WHERE market = ? AND"
        + " model_version = ? AND day = ? AND window_start_ms = ?", B.toString(), V1, day, window).one().getString(0);
    session.execute("UPDATE liqheat.frames_by_market_day SET checksum = 'tampered' WHERE market = ? AND model_version = ?"
        + " AND day = ? AND window_start_ms = ?", B.toString(), V1, day, window);

    CommandRun run = command("verify");

    assertThat(run.exitCode()).isEqualTo(1);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(B + " " + Instant.ofEpochMilli(window) + " (" + window + ") read side v1 checksum:"
        + " expected " + checksum + ", found tampered");
    assertThat(lines.get(1)).startsWith("verify: 1 mismatches; checked 3 markets, 1050 frames (1450 rows)");

    assertThat(command("rebuild", "read-side", "--market", B.toString()).exitCode()).isZero();
    assertThat(command("verify").exitCode()).isZero();
  }

  @Test
  @Order(8)
  void aCorruptedJournalEventIsReportedPrecisely() throws Exception {
    Row stored = journalRows(A).get(41);
    WindowFrozen original = deserialize(stored);
    DensityFrame frame = original.frame();
    double[] longUsd = frame.longUsd().clone();
    int bin = longUsd.length / 2;
    longUsd[bin] = longUsd[bin] * 2 + 1;
    DensityFrame changed = new DensityFrame(frame.gridKind(), frame.gridWidth(), frame.bins(), longUsd, frame.shortUsd());
    WindowFrozen corrupted = new WindowFrozen(original.market(), original.windowStartMs(), original.modelVersion(),
        original.steps(), original.candle(), original.oiCloseBase(), original.oiCloseUsd(), original.coverage(),
        original.printedLongUsd(), original.printedShortUsd(), original.closePrice(), original.frameRange(), changed,
        original.checksum(), original.prevChecksum());
    ByteBuffer originalBytes = stored.getByteBuffer("event");
    writeEvent(stored, ByteBuffer.wrap(serialization().serialize(corrupted).get()));
    try {
      CommandRun run = command("verify", "--market", A.toString());

      long window = original.windowStartMs();
      String at = A + " " + Instant.ofEpochMilli(window) + " (" + window + ") ";
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out().lines().toList()).startsWith(
          at + "journal checksum: expected " + FrameChecksum.of(corrupted) + ", found " + original.checksum(),
          at + "journal frame recomputed from steps (v1): expected frame " + frame.checksum() + ", found frame "
              + changed.checksum(),
          at + "read side v1 frame: expected frame " + changed.checksum() + ", found frame " + frame.checksum());
      assertThat(run.out().lines().count()).isEqualTo(4);
      assertThat(run.out()).contains("verify: 3 mismatches; checked 1 markets, 400 frames (800 rows)");
    } finally {
      writeEvent(stored, originalBytes);
    }
    assertThat(command("verify").exitCode()).isZero();
  }

  @Test
  @Order(9)
  void theJournalSpansPartitionsAndAMissingEventFailsTheCommandsByName() {
    List<Row> rows = journalRows(A);
    assertThat(rows).extracting(row -> row.getLong("partition_nr")).as("A's events span partitions").contains(0L, 1L, 2L);
    assertThat(rows.stream().anyMatch(row -> row.getLong("partition_nr") > (row.getLong("sequence_nr") - 1) / 150))
        .as("some persist crossed a partition's end and went whole to the next").isTrue();
    Row missing = rows.get(199);
    assertThat(missing.getLong("sequence_nr")).isEqualTo(200);
    long partition = missing.getLong("partition_nr");
    session.execute("DELETE FROM liqheat_journal.messages WHERE persistence_id = ? AND partition_nr = ? AND sequence_nr = ?",
        "Market|" + A, partition, 200L);
    try {
      CommandRun verify = command("verify", "--market", A.toString());
      CommandRun rebuild = command("rebuild", "read-side", "--market", A.toString());

      for (CommandRun run : List.of(verify, rebuild)) {
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("the journal of Market|" + A + " has no event 200");
      }
    } finally {
      session.execute("INSERT INTO liqheat_journal.messages (persistence_id, partition_nr, sequence_nr, timestamp,"
              + " timebucket, writer_uuid, ser_id, ser_manifest, event_manifest, event, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          "Market|" + A, partition, 200L, missing.getUuid("timestamp"), missing.getString("timebucket"),
          missing.getString("writer_uuid"), missing.getInt("ser_id"), missing.getString("ser_manifest"),
          missing.getString("event_manifest"), missing.getByteBuffer("event"), missing.getSet("tags", String.class));
    }
    assertThat(command("verify").exitCode()).isZero();
  }

  // ---- helpers ----

  private static Config nodeConfig(String overrides) {
    return TestNodeConfig.forCassandraPort(cassandra.cqlPort(), JOURNAL_PARTITIONS + overrides);
  }

  private static void feed(LiqheatNode target, MarketId market, List<Bar> bars) throws Exception {
    List<InputBatch> batches = new ArrayList<>(BarInputs.batches(bars, BAR_MS, 100));
    long end = bars.get(bars.size() - 1).openTimeMs() + BAR_MS;
    batches.add(InputBatch.builder().heartbeat(end + target.settings().graceMs()).build());
    for (int i = 0; i < batches.size(); i++) {
      target.ingest(market, "test", i, batches.get(i), java.time.Duration.ofSeconds(30))
          .toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    long last = Windows.startOf(end - 1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (target.lastProjectedWindow(market).toCompletableFuture().get(30, TimeUnit.SECONDS).orElse(Long.MIN_VALUE) < last) {
      assertThat(System.nanoTime()).as("projected in time").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static CommandRun command(String... args) {
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--config";
    full[args.length + 1] = conf.toString();
    return CommandRun.of(full);
  }

  /** Every row of the read side, every column as its bytes, by market, version and window. */
  private static Map<String, List<String>> snapshot() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : List.of("frames_by_market_day", "frames_progress")) {
      for (Row row : session.execute("SELECT * FROM liqheat." + table)) {
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition column : row.getColumnDefinitions()) {
          if (column.getName().asInternal().equals("updated_at")) {
            continue;
          }
          ByteBuffer bytes = row.getBytesUnsafe(column.getName());
          columns.add(column.getName().asInternal() + "=" + (bytes == null ? "null" : HexFormat.of().formatHex(toArray(bytes))));
        }
        String key = table + ":" + row.getString("market") + "/" + row.getString("model_version")
            + (table.equals("frames_progress") ? "" : "@" + row.getLong("window_start_ms"));
        rows.put(key, columns);
      }
    }
    return rows;
  }

  private static Map<String, Long> writeTimes() {
    Map<String, Long> times = new LinkedHashMap<>();
    for (Row row : session.execute(
        "SELECT market, model_version, window_start_ms, writetime(checksum) FROM liqheat.frames_by_market_day")) {
      times.put(row.getString(0) + "@" + row.getString(1) + "@" + row.getLong(2), row.getLong(3));
    }
    return times;
  }

  private static List<Long> windows(MarketId market) {
    return rows(market, V1).stream().map(FrozenFrameRow::windowStartMs).toList();
  }

  /** The rows of every day partition the market and version have, in window order. */
  private static List<FrozenFrameRow> rows(MarketId market, String version) {
    List<String> days = session.execute("SELECT DISTINCT market, model_version, day FROM liqheat.frames_by_market_day")
        .all().stream()
        .filter(row -> row.getString(0).equals(market.toString()) && row.getString(1).equals(version))
        .map(row -> row.getString(2))
        .sorted()
        .toList();
    if (days.isEmpty()) {
      return List.of();
    }
    long from = LocalDate.parse(days.get(0)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long to = LocalDate.parse(days.get(days.size() - 1)).plusDays(1).atStartOfDay(ZoneOffset.UTC)
        .toInstant().toEpochMilli();
    try {
      return new FramesRepository(session).frames(market, version, from, to).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The market's events, from every partition, in sequence order. */
  private static List<WindowFrozen> journal(MarketId market) {
    List<WindowFrozen> events = new ArrayList<>();
    for (Row row : journalRows(market)) {
      events.add(deserialize(row));
    }
    return events;
  }

  private static List<Row> journalRows(MarketId market) {
    List<Row> rows = new ArrayList<>();
    for (long partition = 0; partition < 10; partition++) {
      rows.addAll(session.execute("SELECT partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id, ser_manifest,"
          + " event_manifest, event, tags"
          + " FROM liqheat_journal.messages WHERE persistence_id = ? AND partition_nr = ?", "Market|" + market, partition).all());
    }
    rows.sort(java.util.Comparator.comparingLong(row -> row.getLong("sequence_nr")));
    return rows;
  }

  private static WindowFrozen deserialize(Row row) {
    return (WindowFrozen) serialization()
        .deserialize(toArray(row.getByteBuffer("event")), row.getInt("ser_id"), row.getString("ser_manifest")).get();
  }

  private static void writeEvent(Row stored, ByteBuffer event) {
    session.execute("UPDATE liqheat_journal.messages SET event = ? WHERE persistence_id = ? AND partition_nr = ?"
        + " AND sequence_nr = ? AND timestamp = ?", event, "Market|" + A, stored.getLong("partition_nr"),
        stored.getLong("sequence_nr"), stored.getUuid("timestamp"));
  }

  private static Serialization serialization() {
    return SerializationExtension.get(Adapter.toClassic(node.system()));
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
