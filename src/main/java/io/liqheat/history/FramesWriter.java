package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The projection's writes: one upsert per frozen window into {@code frames_by_market_day}, and per
 * batch the latest window of each market into {@code frames_progress}. Every write is an INSERT,
 * which Cassandra treats as an upsert, so writing an event twice leaves the same row.
 */
final class FramesWriter {

  private static final String UPSERT_PROGRESS =
      "INSERT INTO " + ReadSideTables.PROGRESS
          + " (market, model_version, last_window_start_ms, last_sequence_nr, updated_at) VALUES (?, ?, ?, ?, ?)";

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
