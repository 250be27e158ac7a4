package io.liqheat.ingest;

import io.liqheat.market.InputBatch;
import io.liqheat.market.LiveMarket;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a connection goes live, fills each market's gap from the exchange's history: from the
 * entity's watermark (or {@code backfill.max-gap} ago for a market without input, so a new market
 * starts with history) to the last whole minute. Live input follows only afterwards, because input
 * older than a frozen window would be late.
 *
 * <p>Markets are backfilled three at a time, to stay inside the REST budget. Every market gets a
 * backfill batch, empty when there is no gap or its history could not be read: that batch is what
 * releases an entity that waits for one before it takes live input ({@code
 * MarketSettings.backfillAfterStart}). A market whose history fails is left as it is (its windows
 * freeze with the coverage they had) and the live stream starts anyway: a live market matters more
 * than a complete gap.
 */
public final class GapBackfill {

  private static final long MINUTE_MS = 60_000;
  private static final int MAX_PASSES = 3;
  /**
   * Markets backfilled at once: a connection goes live sooner (a connector that moved with a dead
   * node backfills every market before it streams), while the REST load stays a few requests at a
   * time, well inside every exchange's budget.
   */
  private static final int LANES = 3;
  private static final InputBatch NOTHING = InputBatch.builder().build();
  private static final Logger log = LoggerFactory.getLogger(GapBackfill.class);

  private GapBackfill() {}

  /** The range to fetch, if any: whole minutes after the watermark, at most {@code maxGap} long. */
  public static Optional<long[]> gap(OptionalLong watermarkMs, long nowMs, Duration maxGap) {
    long to = nowMs - nowMs % MINUTE_MS;
    long earliest = to - maxGap.toMillis();
    long from = watermarkMs.isPresent() ? Math.max(watermarkMs.getAsLong() + 1, earliest) : earliest;
    from = ((from + MINUTE_MS - 1) / MINUTE_MS) * MINUTE_MS;
    return to - from >= MINUTE_MS ? Optional.of(new long[] {from, to}) : Optional.empty();
  }

  public static CompletionStage<Done> run(List<MarketId> markets, MarketBackfills backfills, ConnectorMonitor monitor) {
    monitor.state(ConnectorState.BACKFILLING);
    return passes(markets, backfills, monitor, MAX_PASSES);
  }

  /**
   * Backfilling many markets, or a long gap, takes time, and exchange time runs on meanwhile: the
   * first markets' gaps have grown again by the end of the pass. Another pass fills that (a page or
   * less each), until a pass finds nothing or the passes run out; what is left is under a minute.
   */
  private static CompletionStage<Done> passes(
      List<MarketId> markets, MarketBackfills backfills, ConnectorMonitor monitor, int left) {
    long started = System.nanoTime();
    List<CompletableFuture<Boolean>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(LANES, markets.size()); lane++) {
      CompletionStage<Boolean> anyFilled = CompletableFuture.completedFuture(false);
      for (int i = lane; i < markets.size(); i += LANES) {
        MarketId market = markets.get(i);
        anyFilled = anyFilled.thenCompose(filled -> backfills.fill(market, monitor).thenApply(now -> filled || now));
      }
      lanes.add(anyFilled.toCompletableFuture());
    }
    return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
        .thenCompose(all -> {
          long filled = lanes.stream().filter(CompletableFuture::join).count();
          // One line per pass: how long a connection waits before it streams is what an operator
          // asks about after a failover.
          log.info("{} {}: backfill pass {} of {} took {} ms, {} of {} lanes read a gap",
              monitor.exchange(), monitor.connection(), MAX_PASSES - left + 1, MAX_PASSES,
              (System.nanoTime() - started) / 1_000_000, filled, lanes.size());
          return CompletableFuture.completedFuture(filled > 0);
        })
        .thenCompose(anyFilled -> anyFilled && left > 1
            ? passes(markets, backfills, monitor, left - 1)
            : CompletableFuture.completedFuture(Done.getInstance()));
  }

  /**
   * One market's backfill; true if it read a gap. Use {@link MarketBackfills#fill}, which keeps two
   * from overlapping.
   */
  static CompletionStage<Boolean> backfill(
      MarketId market, MarketInputSink sink, HistorySource history, ConnectorSettings settings,
      ConnectorMonitor monitor, Clock clock) {
    // Without the market's watermark nothing is sent: an empty backfill would release a market that
    // waits for one (it may just have moved, and the ask gone to its dead node) with its gap unfilled.
    // Its next live batch asks again. A history that cannot be read does release it, empty: a live
    // market matters more than a complete gap, and its windows keep the coverage they had.
    return sink.watermark(market).handle((watermark, unknown) -> {
      if (unknown != null) {
        monitor.failure("backfill of " + market + " postponed, its watermark did not arrive: " + unknown.getMessage());
        return CompletableFuture.completedFuture(false);
      }
      return fetch(market, watermark, history, settings, monitor, clock)
          .thenCompose(fetched -> sink.deliver(LiveMarket.BACKFILL_SOURCE, market, fetched.batch())
              .thenApply(ack -> {
                monitor.inputsProduced(ack.accepted(), 0);
                monitor.acknowledged(market, ack);
                return fetched.gap();
              }))
          .exceptionally(failure -> {
            monitor.failure("backfill of " + market + " was not delivered: " + failure.getMessage());
            return false;
          });
    }).thenCompose(stage -> stage);
  }

  private static CompletionStage<Fetched> fetch(
      MarketId market, OptionalLong watermark, HistorySource history, ConnectorSettings settings,
      ConnectorMonitor monitor, Clock clock) {
    return gap(watermark, clock.millis(), settings.backfillMaxGap())
        .map(range -> history.history(market, range[0], range[1]).thenApply(batch -> new Fetched(batch, true)))
        .orElse(CompletableFuture.completedFuture(new Fetched(NOTHING, false)))
        .exceptionally(failure -> {
          monitor.failure("backfill of " + market + " failed: " + failure.getMessage());
          return new Fetched(NOTHING, false);
        });
  }

  private record Fetched(InputBatch batch, boolean gap) {}
}
