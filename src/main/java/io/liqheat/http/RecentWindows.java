package io.liqheat.http;

import io.liqheat.history.FramesRepository;
import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import io.liqheat.market.Windows;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the hub with the day of frozen windows before the node started, from the read side. Without
 * it a restarted node would hold only the windows it hears live, and the expected move (which needs
 * {@link ExpectedMove#MIN_RETURNS} five-minute returns) and the nearest clusters would be missing for
 * half an hour; SSE clients resuming across the restart would miss the windows before it.
 *
 * <p>It runs beside the node, never in its way: markets are read one after another (a day is one or
 * two partition reads each), and a read that fails is logged and leaves that market to fill live.
 */
public final class RecentWindows {

  private static final Logger log = LoggerFactory.getLogger(RecentWindows.class);

  private RecentWindows() {}

  /**
   * Reads every market's frozen windows of the day before {@code clock}'s now under {@code
   * modelVersion} into the hub. The stage completes when every market is done, failed or not.
   */
  public static CompletionStage<Void> load(LiveHub hub, Supplier<CompletionStage<FramesRepository>> readSide,
      String modelVersion, Clock clock) {
    long to = clock.millis();
    long from = to - MarketLive.RECENT_WINDOWS * Windows.WINDOW_MS;
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    for (MarketId market : hub.markets()) {
      done = done.thenCompose(previous -> loadOne(hub, readSide, market, modelVersion, from, to));
    }
    return done;
  }

  private static CompletionStage<Void> loadOne(LiveHub hub, Supplier<CompletionStage<FramesRepository>> readSide,
      MarketId market, String modelVersion, long from, long to) {
    CompletionStage<List<FrozenFrameRow>> rows;
    try {
      rows = readSide.get().thenCompose(repository -> repository.frames(market, modelVersion, from, to));
    } catch (RuntimeException e) {
      rows = CompletableFuture.failedFuture(e);
    }
    return rows.handle((read, failure) -> {
      if (failure != null) {
        log.warn("{}: the frozen windows before this node started could not be read ({}); the expected move and"
            + " nearest clusters wait for windows frozen from now on", market, AsyncFailures.unwrapped(failure).toString());
      } else {
        hub.state(market).seed(read.stream().map(RecentWindows::windowClosed).toList());
        log.info("{}: {} frozen windows before this node started read from the read side", market, read.size());
      }
      return null;
    });
  }

  private static WindowClosed windowClosed(FrozenFrameRow row) {
    return new WindowClosed(row.market(), row.modelVersion(), row.windowStartMs(), row.checksum(), row.coverage(),
        row.candle(), row.closePrice(), row.frame());
  }
}
