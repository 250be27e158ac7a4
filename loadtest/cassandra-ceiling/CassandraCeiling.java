import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.history.FrameCodec;
import io.liqheat.market.WindowFrozen;
import io.liqheat.model.DensityFrame;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * What the embedded Cassandra node can do for a rebuild, with no liqheat command in between (issue
 * 6): how fast a driver reads the journal's rows, and how fast it writes read-side rows, with the
 * client's and the node's CPU per row. Run by {@code rebuild-benchmark.sh} with CEILINGS=1 on the
 * journal it fills ({@code binance:BENCH<i>USDT}); by hand:
 *
 * <pre>
 *   java -cp target/liqheat-*-all.jar loadtest/cassandra-ceiling/CassandraCeiling.java \
 *     --port CQL_PORT --pid NODE_PID --markets 4 --mode read|decode|plugin|write --variants ...
 * </pre>
 *
 * <ul>
 *   <li>{@code read --variants "PAGE,SLICES;..."}: every market's events from {@code messages}, all
 *       markets at once, each market cut into SLICES ranges of sequence numbers read at once, pages
 *       of PAGE rows; {@code decode} does the same and deserializes every event (Pekko's Jackson,
 *       LZ4) as the commands must;
 *   <li>{@code plugin --variants "BUFFER;..."}: the same events through Pekko Persistence Query's
 *       {@code currentEventsByPersistenceId}, one stream per market, max-buffer-size BUFFER (its
 *       page size), decoded;
 *   <li>{@code write --variants "ROWS,INFLIGHT,LAYOUT,COMPRESSION,DURABLE;..."}: every event as a
 *       read-side row into a fresh table shaped like {@code frames_by_market_day}, in unlogged
 *       batches of up to ROWS rows of one partition, INFLIGHT batches at once; LAYOUT v1 (the former
 *       frame blob, 20 bytes a bin) or v2 ({@link FrameCodec}); COMPRESSION lz4 (the table default)
 *       or none; DURABLE false puts the table in a keyspace with {@code durable_writes = false}.
 *       After each variant the table is flushed and the node's CPU until it is idle again is given
 *       apart (memtable flush and compaction, which a long rebuild pays as it goes).
 * </ul>
 *
 * <p>Client CPU is this JVM's; node CPU is read from /proc/NODE_PID/stat. Every variant runs
 * {@code --reps} times (default 2): the first runs of a JVM pay its JIT compiler, so look at the last.
 */
public class CassandraCeiling {

  private static int nodePid;
  private static CqlSession session;
  private static ActorSystem system;

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int port = Integer.parseInt(options.getOrDefault("port", "19043"));
    nodePid = Integer.parseInt(options.get("pid"));
    int reps = Integer.parseInt(options.getOrDefault("reps", "2"));
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= Integer.parseInt(options.getOrDefault("markets", "4")); i++) {
      ids.add("Market|binance:BENCH" + i + "USDT");
    }
    session = CqlSession.builder()
        .withLocalDatacenter("datacenter1")
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withStringList(DefaultDriverOption.CONTACT_POINTS, List.of("127.0.0.1:" + port))
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
            .build())
        .build();
    String mode = options.get("mode");
    for (String variant : options.get("variants").split(";")) {
      String[] v = variant.split(",");
      for (int rep = 0; rep < reps; rep++) {
        switch (mode) {
          case "read", "decode" -> read(ids, Integer.parseInt(v[0]), Integer.parseInt(v[1]), mode.equals("decode"));
          case "plugin" -> plugin(ids, Integer.parseInt(v[0]), port);
          case "write" -> write(ids, Integer.parseInt(v[0]), Integer.parseInt(v[1]), v[2], v[3], Boolean.parseBoolean(v[4]));
          default -> throw new IllegalArgumentException("--mode read, decode, plugin or write, not " + mode);
        }
      }
    }
  }

  // ---- reading ----

  private static void read(List<String> ids, int page, int slices, boolean decode) throws Exception {
    PreparedStatement select = session.prepare("SELECT sequence_nr, ser_id, ser_manifest, event FROM liqheat_journal.messages"
        + " WHERE persistence_id = ? AND partition_nr = 0 AND sequence_nr >= ? AND sequence_nr <= ?");
    Serialization serialization = decode ? serialization() : null;
    AtomicLong rows = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    Measure measure = Measure.start();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (String id : ids) {
      long highest = highest(id);
      long step = (highest + slices - 1) / slices;
      for (long from = 1; from <= highest; from += step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        all.add(done);
        session.executeAsync(select.bind(id, from, Math.min(highest, from + step - 1)).setPageSize(page))
            .whenComplete((rs, e) -> consume(rs, e, done, rows, bytes, serialization));
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    System.out.println((decode ? "decode" : "read") + " page=" + page + " slices/market=" + slices + ": "
        + measure.end(rows.get(), bytes.get()));
  }

  private static void consume(AsyncResultSet rs, Throwable failure, CompletableFuture<Void> done, AtomicLong rows,
      AtomicLong bytes, Serialization serialization) {
    if (failure != null) {
      done.completeExceptionally(failure);
      return;
    }
    for (Row row : rs.currentPage()) {
      ByteBuffer event = row.getByteBuffer(3);
      rows.incrementAndGet();
      bytes.addAndGet(event.remaining());
      if (serialization != null) {
        byte[] array = new byte[event.remaining()];
        event.get(array);
        if (!(serialization.deserialize(array, row.getInt(1), row.getString(2)).get() instanceof WindowFrozen)) {
          throw new IllegalStateException("not a WindowFrozen at " + row.getLong(0));
        }
      }
    }
    if (rs.hasMorePages()) {
      rs.fetchNextPage().whenComplete((next, e) -> consume(next, e, done, rows, bytes, serialization));
    } else {
      done.complete(null);
    }
  }

  private static void plugin(List<String> ids, int buffer, int port) throws Exception {
    Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING\n"
            + "pekko.persistence.cassandra.query.max-buffer-size = " + buffer + "\n"
            + "datastax-java-driver.basic.contact-points = [\"127.0.0.1:" + port + "\"]\n"
            + "datastax-java-driver.basic.load-balancing-policy.local-datacenter = datacenter1\n")
        .withFallback(ConfigFactory.load()).resolve();
    ActorSystem pluginSystem = ActorSystem.create("plugin" + buffer, config);
    CassandraReadJournal journal = PersistenceQuery.get(pluginSystem)
        .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    // The plugin's session and statements, ready before the clock starts.
    journal.currentEventsByPersistenceId(ids.get(0), 0, 1).runWith(Sink.ignore(), pluginSystem).toCompletableFuture().get();
    AtomicLong rows = new AtomicLong();
    Measure measure = Measure.start();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (String id : ids) {
      all.add(journal.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE)
          .map(envelope -> {
            if (!(envelope.event() instanceof WindowFrozen)) {
              throw new IllegalStateException("not a WindowFrozen at " + envelope.sequenceNr());
            }
            return rows.incrementAndGet();
          })
          .runWith(Sink.ignore(), pluginSystem).toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    System.out.println("plugin max-buffer-size=" + buffer + " (one stream a market, decoded): " + measure.end(rows.get(), 0));
    pluginSystem.terminate();
    pluginSystem.getWhenTerminated().toCompletableFuture().get();
  }

  private static long highest(String id) {
    return session.execute(SimpleStatement.newInstance("SELECT sequence_nr FROM liqheat_journal.messages"
        + " WHERE persistence_id = ? AND partition_nr = 0 ORDER BY sequence_nr DESC LIMIT 1", id)).one().getLong(0);
  }

  // ---- writing ----

  private static List<WindowFrozen> events;
  private static int tables;

  private static void write(List<String> ids, int batchRows, int inFlight, String layout, String compression, boolean durable)
      throws Exception {
    if (events == null) {
      events = load(ids);
    }
    String keyspace = durable ? "ceiling_durable" : "ceiling_not_durable";
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace
        + " WITH REPLICATION = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = " + durable);
    String table = "frames" + (tables++) + "_" + System.currentTimeMillis();
    session.execute("CREATE TABLE " + keyspace + "." + table + " (market text, model_version text, day text,"
        + " window_start_ms bigint, sequence_nr bigint, checksum text, prev_checksum text, coverage double,"
        + " candle_open double, candle_high double, candle_low double, candle_close double, candle_volume double,"
        + " oi_close_base double, oi_close_usd double, printed_long_usd double, printed_short_usd double,"
        + " close_price double, frame_range double, step_count int, frame blob,"
        + " PRIMARY KEY ((market, model_version, day), window_start_ms))"
        + (compression.equals("none") ? " WITH compression = {'enabled': false}" : ""));
    PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + "." + table + " (market, model_version, day,"
        + " window_start_ms, sequence_nr, checksum, prev_checksum, coverage, candle_open, candle_high, candle_low,"
        + " candle_close, candle_volume, oi_close_base, oi_close_usd, printed_long_usd, printed_short_usd, close_price,"
        + " frame_range, step_count, frame) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Measure measure = Measure.start();
    List<List<BoundStatement>> batches = new ArrayList<>();
    List<BoundStatement> batch = new ArrayList<>();
    String partition = null;
    long blobBytes = 0;
    long sequenceNr = 0;
    for (WindowFrozen event : events) {
      String day = Instant.ofEpochMilli(event.windowStartMs()).toString().substring(0, 10);
      byte[] blob = layout.equals("v1") ? formerLayout(event.frame()) : FrameCodec.encode(event.frame());
      blobBytes += blob.length;
      BoundStatementBuilder row = insert.boundStatementBuilder()
          .setString(0, event.market().toString()).setString(1, event.modelVersion()).setString(2, day)
          .setLong(3, event.windowStartMs()).setLong(4, ++sequenceNr).setString(5, event.checksum())
          .setString(6, event.prevChecksum()).setDouble(7, event.coverage()).setDouble(15, event.printedLongUsd())
          .setDouble(16, event.printedShortUsd()).setDouble(17, event.closePrice()).setDouble(18, event.frameRange())
          .setInt(19, event.steps().size()).setByteBuffer(20, ByteBuffer.wrap(blob));
      if (event.candle() != null) {
        row.setDouble(8, event.candle().open()).setDouble(9, event.candle().high()).setDouble(10, event.candle().low())
            .setDouble(11, event.candle().close()).setDouble(12, event.candle().volume());
      }
      if (!Double.isNaN(event.oiCloseBase())) {
        row.setDouble(13, event.oiCloseBase()).setDouble(14, event.oiCloseUsd());
      }
      String key = event.market() + "/" + day;
      if (!key.equals(partition) || batch.size() == batchRows) {
        if (!batch.isEmpty()) {
          batches.add(batch);
        }
        batch = new ArrayList<>();
        partition = key;
      }
      batch.add(row.setIdempotence(true).build());
    }
    batches.add(batch);
    Semaphore slots = new Semaphore(inFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (List<BoundStatement> rows : batches) {
      slots.acquire();
      Statement<?> statement = rows.size() == 1
          ? rows.get(0)
          : BatchStatement.newInstance(DefaultBatchType.UNLOGGED, rows.toArray(BatchableStatement[]::new));
      session.executeAsync(statement).whenComplete((rs, e) -> {
        if (e != null) {
          failure.set(e);
        }
        slots.release();
      });
    }
    slots.acquire(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException(failure.get());
    }
    String written = measure.end(events.size(), blobBytes);
    long nodeBefore = nodeCpuNanos();
    long started = System.nanoTime();
    nodetool("flush", keyspace, table);
    waitUntilNodeIdle();
    System.out.printf(Locale.ROOT, "write rows/batch=%d in-flight=%d blob=%s (%d B avg) compression=%s durable=%s: %s;"
            + " then flush and compaction %.1f s, node %.0f us/row%n",
        batchRows, inFlight, layout, blobBytes / events.size(), compression, durable, written,
        (System.nanoTime() - started) / 1e9, (nodeCpuNanos() - nodeBefore) / 1e3 / events.size());
  }

  private static List<WindowFrozen> load(List<String> ids) {
    Serialization serialization = serialization();
    List<WindowFrozen> loaded = new ArrayList<>();
    for (String id : ids) {
      for (Row row : session.execute(SimpleStatement.newInstance("SELECT ser_id, ser_manifest, event FROM liqheat_journal.messages"
          + " WHERE persistence_id = ? AND partition_nr = 0", id).setPageSize(1000))) {
        ByteBuffer event = row.getByteBuffer(2);
        byte[] array = new byte[event.remaining()];
        event.get(array);
        loaded.add((WindowFrozen) serialization.deserialize(array, row.getInt(0), row.getString(1)).get());
      }
    }
    return loaded;
  }

  /** The frame blob before FrameCodec's version 2: every bin as an int, then both columns whole. */
  private static byte[] formerLayout(DensityFrame frame) {
    ByteBuffer buffer = ByteBuffer.allocate(14 + frame.size() * 20);
    buffer.put((byte) 1).put((byte) frame.gridKind().ordinal()).putDouble(frame.gridWidth()).putInt(frame.size());
    for (int bin : frame.bins()) {
      buffer.putInt(bin);
    }
    for (double usd : frame.longUsd()) {
      buffer.putDouble(usd);
    }
    for (double usd : frame.shortUsd()) {
      buffer.putDouble(usd);
    }
    return buffer.array();
  }

  // ---- measuring ----

  private static Serialization serialization() {
    if (system == null) {
      system = ActorSystem.create("ceiling", ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
          .withFallback(ConfigFactory.load()));
    }
    return SerializationExtension.get(system);
  }

  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long nodeCpuNanos() throws Exception {
    String stat = Files.readString(Path.of("/proc/" + nodePid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime and stime, in clock ticks of 10 ms
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
  }

  private static void waitUntilNodeIdle() throws Exception {
    while (true) {
      long before = nodeCpuNanos();
      Thread.sleep(1000);
      if (nodeCpuNanos() - before < 100_000_000L) {
        return;
      }
    }
  }

  /** nodetool against the node, with its own class path and JMX port from its command line. */
  private static void nodetool(String... args) throws Exception {
    String command = new String(Files.readAllBytes(Path.of("/proc/" + nodePid + "/cmdline"))).replace('\0', ' ');
    String jmxPort = command.replaceAll(".*-Dcassandra.jmx.local.port=([0-9]+).*", "$1").trim();
    String classPath = command.replaceAll(".* -cp (\\S+) .*", "$1").trim();
    List<String> line = new ArrayList<>(List.of("java"));
    // The node's --add-exports/--add-opens, which nodetool's classes need as much as the node's.
    String[] words = command.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (words[i].startsWith("--add-")) {
        line.add(words[i]);
        if (!words[i].contains("=") && i + 1 < words.length) {
          line.add(words[++i]);
        }
      }
    }
    line.addAll(List.of("-cp", classPath, "org.apache.cassandra.tools.NodeTool", "-h", "127.0.0.1", "-p", jmxPort));
    line.addAll(List.of(args));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("nodetool " + String.join(" ", args) + ": " + output);
    }
  }

  private static String load() throws Exception {
    return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
  }

  private record Measure(long startNanos, long clientCpu, long nodeCpu) {
    static Measure start() throws Exception {
      return new Measure(System.nanoTime(), clientCpuNanos(), nodeCpuNanos());
    }

    String end(long rows, long bytes) throws Exception {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      return String.format(Locale.ROOT, "%d rows in %.2f s: %.0f rows/s (%.1f MB/s of blobs); client %.0f us/row,"
              + " node %.0f us/row (load %s)",
          rows, seconds, rows / seconds, bytes / seconds / 1e6, (clientCpuNanos() - clientCpu) / 1e3 / rows,
          (nodeCpuNanos() - nodeCpu) / 1e3 / rows, load());
    }
  }
}
