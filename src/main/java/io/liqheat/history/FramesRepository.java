package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads frozen frames from the read side. A time range is read one day partition at a time, in
 * day order, each with one query bounded by the window range, so rows come out in window order.
 *
 * <p>It takes a plain driver session: the CLI opens one from {@code datastax-java-driver}, and the
 * service can pass the one Pekko Persistence uses ({@link FramesProjection#session}).
 */
public final class FramesRepository {

  private static final String SELECT_RANGE =
      "SELECT " + FrameRows.COLUMNS + " FROM " + ReadSideTables.FRAMES
          + " WHERE market = ? AND model_version = ? AND day = ?"
          + " AND window_start_ms >= ? AND window_start_ms < ?";
  private static final String SELECT_PROGRESS =
      "SELECT last_window_start_ms FROM " + ReadSideTables.PROGRESS + " WHERE market = ? AND model_version = ?";

  /** A day is 288 rows of a few kB each: one page, and a bounded one. */
  private static final int PAGE_SIZE = 300;

  private final CqlSession session;

  public FramesRepository(CqlSession session) {
    this.session = session;
  }

  /** The frames of windows starting in {@code [fromMs, toMs)}, in window order. */
  public CompletionStage<List<FrozenFrameRow>> frames(MarketId market, String modelVersion, long fromMs, long toMs) {
    CompletionStage<List<FrozenFrameRow>> result = CompletableFuture.completedFuture(new ArrayList<>());
    for (String day : FrameDays.covering(fromMs, toMs)) {
      result =
          result.thenCompose(
              rows ->
                  session
                      .prepareAsync(SELECT_RANGE)
                      .thenCompose(ps -> session.executeAsync(bind(ps, market, modelVersion, day, fromMs, toMs)))
                      .thenCompose(page -> ResultPages.collect(page, FrameRows::fromRow, rows)));
    }
    return result;
  }

  /**
   * The same rows as {@link #frames}, read lazily and blocking: one day partition (one page) in
   * memory at a time, for a command that prints months of history.
   */
  public Stream<FrozenFrameRow> stream(MarketId market, String modelVersion, long fromMs, long toMs) {
    List<String> days = FrameDays.covering(fromMs, toMs);
    if (days.isEmpty()) {
      return Stream.empty();
    }
    PreparedStatement select = session.prepare(SELECT_RANGE);
    return days.stream()
        .flatMap(
            day ->
                StreamSupport.stream(
                        session.execute(bind(select, market, modelVersion, day, fromMs, toMs)).spliterator(), false)
                    .map(FrameRows::fromRow));
  }

  /**
   * The start of the latest window of the market that the projection has written, with every
   * earlier window of it; empty when none is.
   */
  public CompletionStage<Optional<Long>> lastProjectedWindow(MarketId market, String modelVersion) {
    return session
        .prepareAsync(SELECT_PROGRESS)
        .thenCompose(
            ps ->
                session.executeAsync(
                    ps.bind(market.toString(), modelVersion).setExecutionProfileName(ReadSideTables.PROFILE)))
        .thenApply(
            rs -> {
              Row row = rs.one();
              return row == null || row.isNull(0) ? Optional.<Long>empty() : Optional.of(row.getLong(0));
            });
  }

  private static BoundStatement bind(
      PreparedStatement select, MarketId market, String modelVersion, String day, long fromMs, long toMs) {
    return select
        .bind(market.toString(), modelVersion, day, fromMs, toMs)
        .setPageSize(PAGE_SIZE)
        .setExecutionProfileName(ReadSideTables.PROFILE);
  }
}
