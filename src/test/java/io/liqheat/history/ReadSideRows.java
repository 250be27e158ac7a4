package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Read-side rows for tests outside this package (the history API): the hand-made, hash-chained
 * windows of {@link FrozenWindows}, written with the projection's own writer, progress included,
 * exactly as the projection leaves them.
 */
public final class ReadSideRows {

  private ReadSideRows() {}

  /** {@code count} chained windows from {@code firstStartMs} around {@code price}, as rows (sequence numbers from 1). */
  public static List<FrozenFrameRow> chain(MarketId market, String modelVersion, long firstStartMs, int count, double price) {
    List<WindowFrozen> windows = FrozenWindows.chain(market, modelVersion, firstStartMs, count, price, "");
    return IntStream.range(0, windows.size()).mapToObj(i -> FrozenFrameRow.of(windows.get(i), i + 1)).toList();
  }

  /** Writes the rows, then records the last of them as the market's progress; blocks until done. */
  public static void write(CqlSession session, List<FrozenFrameRow> rows) {
    try {
      FramesWriter writer = FramesWriter.prepare(session).toCompletableFuture().get(60, TimeUnit.SECONDS);
      for (FrozenFrameRow row : rows) {
        writer.write(row).toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
      writer.recordProgress(rows).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("writing read-side rows failed", e);
    }
  }
}
