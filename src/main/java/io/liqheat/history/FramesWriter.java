package io.liqheat.history;

import io.liqheat.market.MarketId;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.liqheat.market.MarketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The projection's writes: one upsert per frozen window into {@code frames_by_market_day}, and per
 * batch the latest window of each market into {@code frames_progress}. Every write is an INSERT,
 * which Cassandra treats as an upsert, so writing an event twice leaves the same row.
 */
final class FramesWriter {

  private static final String UPSERT_PROGRESS =
      "INSERT INTO " + ReadSideTables.PROGRESS
          + " (market, model_version, last_window_start_ms, last_sequence_nr, updated_at) VALUES (?, ?, ?, ?, ?)";

  /**
   * A batch's rows, frames and other columns, stay below this. Cassandra applies its batch size
   * thresholds ({@code batch_size_warn/fail_threshold}) only to batches that span partitions
   * (CASSANDRA-10876), and ours never do, so this bound is our own: ~60 rows of ~4 kB, a mutation
   * a 1 GiB node takes in stride (a dozen in flight are a few MB) and well inside a request
   * timeout. Bigger batches cost the node less per row: writing the rebuild benchmark's 24,000 rows
   * straight from a driver, it spent 160-270 µs of CPU per row in batches of 5, 93-112 µs in batches
   * of 50 and 56-73 µs in batches of 100 (loadtest/results/rebuild-2026-12-05-ceilings.txt). The
   * former 40 kB (~10 rows) was chosen when the client, not the node, was the limit.
   */
  static final long MAX_BATCH_FRAME_BYTES = 256_000;
  /** The other columns of a row, keys, checksums and numbers, with their cell overhead: generously. */
  private static final long ROW_BYTES_BESIDES_FRAME = 600;

  private final CqlSession session;
  private final PreparedStatement insertFrame;
  private final PreparedStatement upsertProgress;

  private FramesWriter(CqlSession session, PreparedStatement insertFrame, PreparedStatement upsertProgress) {
    this.session = session;
    this.insertFrame = insertFrame;
    this.upsertProgress = upsertProgress;
  }

  /** Prepares the statements; fails (and the projection restarts) while Cassandra is away. */
  static CompletionStage<FramesWriter> prepare(CqlSession session) {
    return session
        .prepareAsync(FrameRows.INSERT)
        .thenCombine(
            session.prepareAsync(UPSERT_PROGRESS),
            (frame, progress) -> new FramesWriter(session, frame, progress));
  }

  CompletionStage<Done> write(FrozenFrameRow row) {
    return session.executeAsync(FrameRows.bindInsert(insertFrame, row)).thenApply(rs -> Done.getInstance());
  }

  /**
   * Writes rows of one partition as one unlogged batch: one mutation for Cassandra instead of one
   * per row, about half its CPU per row (measured: 0.2 instead of 0.4 ms a row of a 400-bin frame).
   * The rows must share a partition, or the batch would be spread over nodes; {@link
   * #partitionBatches} cuts them so.
   */
  CompletionStage<Done> writeBatch(List<FrozenFrameRow> rows) {
    if (rows.size() == 1) {
      return write(rows.get(0));
    }
    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
    rows.forEach(row -> batch.addStatement(FrameRows.bindInsert(insertFrame, row)));
    return session
        .executeAsync(batch.setExecutionProfileName(ReadSideTables.PROFILE).setIdempotence(true).build())
        .thenApply(rs -> Done.getInstance());
  }

  /**
   * Writes every row, one partition's rows per unlogged batch ({@link #writeBatch}), up to {@code
   * parallelism} batches in flight; completes when all are written, in no particular order.
   */
  CompletionStage<Done> writeAll(List<FrozenFrameRow> rows, int parallelism, ActorSystem<?> system) {
    return Source.from(partitionBatches(rows)).mapAsyncUnordered(parallelism, this::writeBatch).runWith(Sink.ignore(), system);
  }

  /**
   * Rows cut into batches for {@link #writeBatch}: the rows of one partition, in their order, at most
   * {@link #MAX_BATCH_FRAME_BYTES} of frames each. Rows are grouped by partition first, since several
   * markets freezing the same window arrive interleaved, and a batch of consecutive rows only would
   * then hold one row. The order across partitions does not matter: a batch of rows is written whole
   * before anything is committed for it.
   */
  static List<List<FrozenFrameRow>> partitionBatches(List<FrozenFrameRow> rows) {
    Map<Partition, List<FrozenFrameRow>> byPartition = new LinkedHashMap<>();
    for (FrozenFrameRow row : rows) {
      byPartition.computeIfAbsent(Partition.of(row), key -> new ArrayList<>()).add(row);
    }
    List<List<FrozenFrameRow>> batches = new ArrayList<>();
    for (List<FrozenFrameRow> partitionRows : byPartition.values()) {
      List<FrozenFrameRow> current = new ArrayList<>();
      long bytes = 0;
      for (FrozenFrameRow row : partitionRows) {
        long rowBytes = FrameCodec.encodedSize(row.frame()) + ROW_BYTES_BESIDES_FRAME;
        if (!current.isEmpty() && bytes + rowBytes > MAX_BATCH_FRAME_BYTES) {
          batches.add(current);
          current = new ArrayList<>();
          bytes = 0;
        }
        current.add(row);
        bytes += rowBytes;
      }
      batches.add(current);
    }
    return batches;
  }

  /** The key of {@code frames_by_market_day}'s partitions. */
  private record Partition(MarketId market, String modelVersion, String day) {
    static Partition of(FrozenFrameRow row) {
      return new Partition(row.market(), row.modelVersion(), row.day());
    }
  }


  /**
   * Records, for each market and model version in {@code written}, its last row. The rows must be
   * in tag order and all written: a market's events come in sequence order, so its last row is its
   * latest window, and everything before it is in the table.
   */
  CompletionStage<Done> recordProgress(List<FrozenFrameRow> written) {
    Map<String, FrozenFrameRow> latest = new LinkedHashMap<>();
    for (FrozenFrameRow row : written) {
      latest.put(row.market() + "\n" + row.modelVersion(), row);
    }
    Instant now = Instant.now();
    CompletableFuture<?>[] writes =
        latest.values().stream()
            .map(
                row ->
                    session
                        .executeAsync(
                            upsertProgress
                                .bind(
                                    row.market().toString(),
                                    row.modelVersion(),
                                    row.windowStartMs(),
                                    row.sequenceNr(),
                                    now)
                                .setExecutionProfileName(ReadSideTables.PROFILE)
                                .setIdempotent(true))
                        .toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(writes).thenApply(ignored -> Done.getInstance());
  }
}
