package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The read side by whole partitions, for rebuilds and verification: which partitions exist, their
 * rows, and deleting what a rebuild did not write again.
 */
final class ReadSidePartitions {

  private static final String SELECT_PARTITIONS =
      "SELECT DISTINCT market, model_version, day FROM " + ReadSideTables.FRAMES;
  private static final String SELECT_DAY =
      "SELECT " + FrameRows.COLUMNS + " FROM " + ReadSideTables.FRAMES
          + " WHERE market = ? AND model_version = ? AND day = ?";
  private static final String DELETE_DAY =
      "DELETE FROM " + ReadSideTables.FRAMES + " USING TIMESTAMP ? WHERE market = ? AND model_version = ? AND day = ?";
  private static final String DELETE_PROGRESS =
      "DELETE FROM " + ReadSideTables.PROGRESS + " USING TIMESTAMP ? WHERE market = ? AND model_version = ?";

  /** A day is at most 288 rows: one page. */
  private static final int PAGE_SIZE = 300;

  private final CqlSession session;
  private final PreparedStatement selectDay;
  private final PreparedStatement deleteDay;
  private final PreparedStatement deleteProgress;

  ReadSidePartitions(CqlSession session) {
    this.session = session;
    this.selectDay = session.prepare(SELECT_DAY);
    this.deleteDay = session.prepare(DELETE_DAY);
    this.deleteProgress = session.prepare(DELETE_PROGRESS);
  }

  /**
   * Every partition of the frames table: one scan of the partition keys, a few per market and day.
   * Rows whose market is no market id (nothing liqheat wrote) are not its to rebuild or judge.
   */
  List<ReadSidePartition> all() {
    List<ReadSidePartition> partitions = new ArrayList<>();
    for (Row row : session.execute(profiled(session.prepare(SELECT_PARTITIONS).bind()))) {
      try {
        partitions.add(new ReadSidePartition(MarketId.parse(row.getString(0)), row.getString(1), row.getString(2)));
      } catch (IllegalArgumentException e) {
        // skipped, see above
      }
    }
    return partitions;
  }

  /** The partition's rows as stored, in window order. */
  CompletionStage<List<Row>> rows(ReadSidePartition partition) {
    return session
        .executeAsync(profiled(selectDay.bind(partition.market().toString(), partition.modelVersion(), partition.day())
            .setPageSize(PAGE_SIZE)))
        .thenCompose(ResultPages::allRows);
  }

  /**
   * Deletes every cell of these partitions, and the progress of their market and version, that was
   * written before {@code timestampMicros}. A rebuild takes that time before it reads the journal
   * and deletes after it has written: whatever it wrote, and whatever the live projection writes
   * meanwhile, is younger and stays, so history never reads an empty partition in between, and a
   * row that the journal no longer backs is gone at the end.
   */
  CompletionStage<Void> deleteWrittenBefore(long timestampMicros, Collection<ReadSidePartition> partitions) {
    List<CompletableFuture<?>> deletes = new ArrayList<>();
    for (ReadSidePartition p : partitions) {
      String market = p.market().toString();
      deletes.add(session
          .executeAsync(profiled(deleteDay.bind(timestampMicros, market, p.modelVersion(), p.day())))
          .toCompletableFuture());
    }
    partitions.stream()
        .map(p -> List.of(p.market().toString(), p.modelVersion()))
        .distinct()
        .forEach(key -> deletes.add(session
            .executeAsync(profiled(deleteProgress.bind(timestampMicros, key.get(0), key.get(1))))
            .toCompletableFuture()));
    return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
  }

  private static <S extends Statement<S>> S profiled(S statement) {
    return statement.setExecutionProfileName(ReadSideTables.PROFILE).setIdempotent(true);
  }
}
