package io.liqheat.ingest;

import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Before a connection goes live, fills each market's gap from the exchange's history: from the
 * entity's watermark (or {@code backfill.max-gap} ago for a market without input, so a new market
 * starts with history) to the last whole minute. Live input follows only afterwards, because input
 * older than a frozen window would be late.
 *
 * <p>Markets are backfilled one after another, to stay inside the REST budget. A market whose
 * backfill fails is left as it is (its windows freeze with the coverage they had) and the live stream
 * starts anyway: a live market matters more than a complete gap.
 */
public final class GapBackfill {

  private static final long MINUTE_MS = 60_000;

  private GapBackfill() {}

  /** The range to fetch, if any: whole minutes after the watermark, at most {@code maxGap} long. */
  public static Optional<long[]> gap(OptionalLong watermarkMs, long nowMs, Duration maxGap) {
    long to = nowMs - nowMs % MINUTE_MS;
    long earliest = to - maxGap.toMillis();
    long from = watermarkMs.isPresent() ? Math.max(watermarkMs.getAsLong() + 1, earliest) : earliest;
    from = ((from + MINUTE_MS - 1) / MINUTE_MS) * MINUTE_MS;
    return to - from >= MINUTE_MS ? Optional.of(new long[] {from, to}) : Optional.empty();
  }

  public static CompletionStage<Done> run(
      List<MarketId> markets, MarketInputSink sink, HistorySource history, ConnectorSettings settings,
      ConnectorMonitor monitor, Clock clock) {
    monitor.state(ConnectorState.BACKFILLING);
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (MarketId market : markets) {
      chain = chain.thenCompose(done -> backfill(market, sink, history, settings, monitor, clock));
    }
    return chain;
  }

  private static CompletionStage<Done> backfill(
      MarketId market, MarketInputSink sink, HistorySource history, ConnectorSettings settings,
      ConnectorMonitor monitor, Clock clock) {
    return sink.watermark(market)
        .thenCompose(watermark -> gap(watermark, clock.millis(), settings.backfillMaxGap())
            .map(range -> history.history(market, range[0], range[1])
                .thenCompose(batch -> sink.deliver("backfill", market, batch))
                .thenApply(ack -> {
                  monitor.inputsProduced(ack.accepted(), 0);
                  monitor.acknowledged(market, ack);
                  return Done.getInstance();
                }))
            .orElse(CompletableFuture.completedFuture(Done.getInstance())))
        .exceptionally(failure -> {
          monitor.failure("backfill of " + market + " failed: " + failure.getMessage());
          return Done.getInstance();
        });
  }
}
