package io.liqheat.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Writes a market's replayed rows with the projection's own {@link FramesWriter} (the same
 * idempotent upserts, in unlogged batches of one partition's rows), a few in flight, and at the end
 * each version's last row as its progress.
 */
final class RowWriter implements RowSink {

  /** Two chunks in flight: the next one is replayed while the writes of the last are out. */
  private static final int CHUNKS_IN_FLIGHT = 2;

  /**
   * Batches of a chunk in flight. The node's CPU is what limits a rebuild, and requests beyond
   * what it works on only queue in its heap: in batches of 100 rows, 8 in flight wrote more rows per
   * second than 16 (loadtest/results/rebuild-2026-12-05-ceilings.txt). Two a chunk, two chunks
   * a market: four per market, sixteen with {@code --parallel-markets 4}.
   */
  static final int BATCHES_IN_FLIGHT = 2;

  private final ActorSystem<?> system;
  private final FramesWriter writer;
  private final Map<String, FrozenFrameRow> lastByVersion = new LinkedHashMap<>();

  RowWriter(ActorSystem<?> system, FramesWriter writer) {
    this.system = system;
    this.writer = writer;
  }

  @Override
  public int parallelism() {
    return CHUNKS_IN_FLIGHT;
  }

  @Override
  public CompletionStage<Done> accept(List<FrozenFrameRow> rows) {
    rows.forEach(row -> lastByVersion.put(row.modelVersion(), row));
    return writer.writeAll(rows, BATCHES_IN_FLIGHT, system);
  }

  /**
   * Progress only once every row is written: {@code frames_progress} promises that every window up
   * to it is in the table.
   */
  @Override
  public CompletionStage<List<Mismatch>> finish() {
    return writer.recordProgress(List.copyOf(lastByVersion.values())).thenApply(done -> List.of());
  }
}
