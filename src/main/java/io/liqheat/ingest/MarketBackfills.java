package io.liqheat.ingest;

import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connector's backfills, at most one per market at a time. Two at once would read the same
 * watermark and deliver the same history twice into a window that is still open.
 *
 * <p>A backfill runs when a connection is about to go live ({@link GapBackfill#run}) and whenever a
 * market entity answers live input with {@link IngestAck#backfillNeeded()}: it has just started
 * on some node (after a failover or a hand-over) and its journal ends before the present. The
 * connection itself stays up, so the markets that did not move lose nothing.
 */
public final class MarketBackfills {

  private final MarketInputSink sink;
  private final HistorySource history;
  private final ConnectorSettings settings;
  private final Clock clock;
  private final ConcurrentHashMap<MarketId, CompletableFuture<Boolean>> running = new ConcurrentHashMap<>();

  public MarketBackfills(MarketInputSink sink, HistorySource history, ConnectorSettings settings, Clock clock) {
    this.sink = sink;
    this.history = history;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Fills the market's gap up to the last whole minute, or joins the backfill already running for
   * it; true if there was a gap to read.
   */
  public CompletionStage<Boolean> fill(MarketId market, ConnectorMonitor monitor) {
    CompletableFuture<Boolean> fresh = new CompletableFuture<>();
    CompletableFuture<Boolean> existing = running.putIfAbsent(market, fresh);
    if (existing != null) {
      return existing;
    }
    GapBackfill.backfill(market, sink, history, settings, monitor, clock).whenComplete((gap, failure) -> {
      running.remove(market, fresh);
      fresh.complete(failure == null && gap);
    });
    return fresh;
  }

  /** The sink live input goes through: a market that asks for a backfill gets one, reported to {@code monitor}. */
  public MarketInputSink onDemand(ConnectorMonitor monitor) {
    return new MarketInputSink() {
      @Override
      public CompletionStage<IngestAck> deliver(String source, MarketId market, InputBatch batch) {
        return sink.deliver(source, market, batch).thenApply(ack -> {
          if (ack.backfillNeeded()) {
            fill(market, monitor);
          }
          return ack;
        });
      }

      @Override
      public CompletionStage<OptionalLong> watermark(MarketId market) {
        return sink.watermark(market);
      }
    };
  }
}
