package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.TimeBasedUUID;

/**
 * Where a projection resumes in its tag: one row of {@code projection_offsets} per projection and
 * tag, holding the timeuuid offset of the last event whose rows are written.
 *
 * <p>Statements are prepared on each call; the driver caches prepared statements per session, and
 * this runs once per batch, not per event.
 */
final class ProjectionOffsetStore {

  private static final String SELECT =
      "SELECT offset FROM " + ReadSideTables.OFFSETS + " WHERE projection_name = ? AND tag = ?";
  private static final String UPSERT =
      "INSERT INTO " + ReadSideTables.OFFSETS + " (projection_name, tag, offset, updated_at) VALUES (?, ?, ?, ?)";
  private static final String DELETE =
      "DELETE FROM " + ReadSideTables.OFFSETS + " WHERE projection_name = ? AND tag = ?";

  private final CqlSession session;
  private final String projection;
  private final String tag;

  ProjectionOffsetStore(CqlSession session, String projection, String tag) {
    this.session = session;
    this.projection = projection;
    this.tag = tag;
  }

  /** The stored offset, or {@link Offset#noOffset()}: the start of the tag. */
  CompletionStage<Offset> load() {
    return session
        .prepareAsync(SELECT)
        .thenCompose(ps -> session.executeAsync(profiled(ps.bind(projection, tag))))
        .thenApply(
            rs -> {
              var row = rs.one();
              return row == null || row.isNull("offset")
                  ? Offset.noOffset()
                  : new TimeBasedUUID(row.getUuid("offset"));
            });
  }

  /** The stored offset's UUID, if any: for tests and diagnostics. */
  CompletionStage<Optional<UUID>> stored() {
    return load()
        .thenApply(
            offset -> offset instanceof TimeBasedUUID uuid ? Optional.of(uuid.value()) : Optional.<UUID>empty());
  }

  CompletionStage<Done> save(Offset offset) {
    if (!(offset instanceof TimeBasedUUID uuid)) {
      throw new IllegalArgumentException("the Cassandra read journal gives timeuuid offsets, not " + offset);
    }
    return session
        .prepareAsync(UPSERT)
        .thenCompose(ps -> session.executeAsync(profiled(ps.bind(projection, tag, uuid.value(), Instant.now()))))
        .thenApply(rs -> Done.getInstance());
  }

  /** Forgets the offset: the next start reads the tag from its beginning (a rebuild). */
  CompletionStage<Done> delete() {
    return session
        .prepareAsync(DELETE)
        .thenCompose(ps -> session.executeAsync(profiled(ps.bind(projection, tag))))
        .thenApply(rs -> Done.getInstance());
  }

  private static <S extends Statement<S>> S profiled(S statement) {
    return statement.setExecutionProfileName(ReadSideTables.PROFILE).setIdempotent(true);
  }
}
