package io.liqheat.history;

import com.datastax.oss.driver.api.core.cql.Row;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;

/**
 * Compares a market's replayed rows with the stored ones, column by column: each day partition is
 * read once, and what is left of it when the replay moves to the next day has no window in the
 * journal. At the end, partitions of the compared versions that the replay never reached are all
 * surplus.
 *
 * <p>The stored partitions of a version are read a few days ahead of the replay ({@link
 * #DAYS_AHEAD}), so the comparison does not wait for each day's read in turn: a day is 288 rows
 * of a few kB, one query.
 */
final class RowComparison implements RowSink {

  /** Stored day partitions of a version read ahead of the replay: ~1 MB each. */
  static final int DAYS_AHEAD = 4;

  /** The columns compared, each with how a report shows its value. */
  private static final Map<String, Function<FrozenFrameRow, Object>> COLUMNS = columns();

  private final ReadSidePartitions partitions;
  private final List<ReadSidePartition> stored;
  private final Map<String, Cursor> cursors = new LinkedHashMap<>();
  private final Set<ReadSidePartition> visited = new HashSet<>();
  /** Each version's stored partitions by day, and the reads started ahead of the replay. */
  private final Map<String, TreeMap<String, ReadSidePartition>> storedDays = new HashMap<>();
  private final Map<ReadSidePartition, CompletionStage<List<Row>>> readAhead = new HashMap<>();
  private final List<Mismatch> found = new ArrayList<>();

  /** {@code stored}: the market's partitions as they were before the replay began. */
  RowComparison(ReadSidePartitions partitions, List<ReadSidePartition> stored) {
    this.partitions = partitions;
    this.stored = List.copyOf(stored);
    stored.forEach(partition ->
        storedDays.computeIfAbsent(partition.modelVersion(), v -> new TreeMap<>()).put(partition.day(), partition));
  }

  @Override
  public int parallelism() {
    return 1;
  }

  @Override
  public CompletionStage<Done> accept(List<FrozenFrameRow> rows) {
    Map<String, List<FrozenFrameRow>> byVersion = new LinkedHashMap<>();
    rows.forEach(row -> byVersion.computeIfAbsent(row.modelVersion(), v -> new ArrayList<>()).add(row));
    CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
    for (List<FrozenFrameRow> versionRows : byVersion.values()) {
      done = done.thenCompose(ignored -> compare(versionRows, 0));
    }
    return done;
  }

  @Override
  public CompletionStage<List<Mismatch>> finish() {
    cursors.values().forEach(Cursor::closeDay);
    CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
    for (ReadSidePartition partition : stored) {
      if (cursors.containsKey(partition.modelVersion()) && !visited.contains(partition)) {
        done = done.thenCompose(ignored -> readStarted(partition).thenApply(rows -> {
          rows.forEach(row -> surplus(partition, row));
          return Done.getInstance();
        }));
      }
    }
    return done.thenApply(ignored -> List.copyOf(found));
  }

  /** Rows of one version, from {@code from} on; reads a day partition where the rows reach one. */
  private CompletionStage<Done> compare(List<FrozenFrameRow> rows, int from) {
    for (int i = from; i < rows.size(); i++) {
      FrozenFrameRow expected = rows.get(i);
      Cursor cursor = cursors.computeIfAbsent(expected.modelVersion(), v -> new Cursor());
      if (cursor.partition == null || !cursor.partition.day().equals(expected.day())) {
        cursor.closeDay();
        ReadSidePartition next = new ReadSidePartition(expected.market(), expected.modelVersion(), expected.day());
        int resume = i;
        return read(next).thenCompose(stored -> {
          cursor.open(next, stored);
          return compare(rows, resume);
        });
      }
      cursor.check(expected);
    }
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  /** The partition's rows, read ahead already or now; the reads of the next stored days are started. */
  private CompletionStage<List<Row>> read(ReadSidePartition partition) {
    int started = 0;
    for (ReadSidePartition ahead : storedDays.getOrDefault(partition.modelVersion(), new TreeMap<>())
        .tailMap(partition.day(), false).values()) {
      if (started++ == DAYS_AHEAD) {
        break;
      }
      readAhead.computeIfAbsent(ahead, partitions::rows);
    }
    return readStarted(partition);
  }

  /** The partition's rows, from the read started ahead when there is one. */
  private CompletionStage<List<Row>> readStarted(ReadSidePartition partition) {
    CompletionStage<List<Row>> rows = readAhead.remove(partition);
    return rows != null ? rows : partitions.rows(partition);
  }

  private void surplus(ReadSidePartition partition, Row row) {
    found.add(new Mismatch(partition.market(), row.getLong("window_start_ms"),
        "read side " + partition.modelVersion() + " row", "no row (the journal has no such window)",
        "a row with checksum " + Mismatch.shown(row.getString("checksum"))));
  }

  /** Where the comparison of one version stands: the day partition it is in, and its rows not yet matched. */
  private final class Cursor {
    private ReadSidePartition partition;
    private final Map<Long, Row> unmatched = new TreeMap<>();

    void open(ReadSidePartition day, List<Row> rows) {
      partition = day;
      visited.add(day);
      rows.forEach(row -> unmatched.put(row.getLong("window_start_ms"), row));
    }

    void check(FrozenFrameRow expected) {
      Row row = unmatched.remove(expected.windowStartMs());
      String prefix = "read side " + expected.modelVersion() + " ";
      if (row == null) {
        found.add(new Mismatch(expected.market(), expected.windowStartMs(), prefix + "row",
            "a row with checksum " + Mismatch.shown(expected.checksum()), "no row"));
        return;
      }
      FrozenFrameRow actual;
      try {
        actual = FrameRows.fromRow(row);
      } catch (IllegalArgumentException e) {
        found.add(new Mismatch(expected.market(), expected.windowStartMs(), prefix + "frame",
            "frame " + expected.frame().checksum(), "a blob that does not decode (" + e.getMessage() + ")"));
        return;
      }
      COLUMNS.forEach((column, value) -> {
        Object want = value.apply(expected);
        Object have = value.apply(actual);
        if (!Objects.equals(want, have)) {
          found.add(new Mismatch(expected.market(), expected.windowStartMs(), prefix + column,
              String.valueOf(want), String.valueOf(have)));
        }
      });
    }

    void closeDay() {
      if (partition != null) {
        unmatched.values().forEach(row -> surplus(partition, row));
        unmatched.clear();
      }
    }
  }

  private static Map<String, Function<FrozenFrameRow, Object>> columns() {
    Map<String, Function<FrozenFrameRow, Object>> columns = new LinkedHashMap<>();
    columns.put("sequence_nr", FrozenFrameRow::sequenceNr);
    columns.put("checksum", row -> Mismatch.shown(row.checksum()));
    columns.put("prev_checksum", row -> Mismatch.shown(row.prevChecksum()));
    columns.put("coverage", FrozenFrameRow::coverage);
    columns.put("candle", FrozenFrameRow::candle);
    columns.put("oi_close_base", FrozenFrameRow::oiCloseBase);
    columns.put("oi_close_usd", FrozenFrameRow::oiCloseUsd);
    columns.put("printed_long_usd", FrozenFrameRow::printedLongUsd);
    columns.put("printed_short_usd", FrozenFrameRow::printedShortUsd);
    columns.put("close_price", FrozenFrameRow::closePrice);
    columns.put("frame_range", FrozenFrameRow::frameRange);
    columns.put("step_count", FrozenFrameRow::stepCount);
    // Shown by its checksum; equal frames (every bin, bit for bit) have equal checksums.
    columns.put("frame", row -> new FrameValue(row.frame()));
    return columns;
  }

  /** A frame compared bin by bin, shown by its checksum. */
  private record FrameValue(io.liqheat.model.DensityFrame frame) {
    @Override
    public String toString() {
      return "frame " + frame.checksum();
    }
  }
}
