package io.liqheat.ingest;

import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.MarketState;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Delivers to market entities through Cluster Sharding. Each source name gets this JVM's run id, so a
 * restarted node starts a fresh sequence instead of being taken for a replay of the old one.
 */
public final class ShardedMarketSink implements MarketInputSink {

  private static final int MAX_ATTEMPTS = 3;

  private final ActorSystem<?> system;
  private final Duration timeout;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final ConcurrentHashMap<String, AtomicLong> sequences = new ConcurrentHashMap<>();

  public ShardedMarketSink(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<IngestAck> deliver(String source, MarketId market, InputBatch batch) {
    String sourceId = source + "@" + runId;
    long sequence = sequences.computeIfAbsent(sourceId + "/" + market, key -> new AtomicLong()).incrementAndGet();
    return attempt(sourceId, sequence, market, batch, 1);
  }

  /** Retries reuse the sequence: if the lost reply's batch was applied, the retry is acknowledged as a duplicate. */
  private CompletionStage<IngestAck> attempt(String sourceId, long sequence, MarketId market, InputBatch batch, int attempt) {
    CompletionStage<IngestAck> reply = MarketSharding.entity(system, market)
        .ask(replyTo -> new MarketCommand.Ingest(sourceId, sequence, batch, replyTo), timeout);
    if (attempt >= MAX_ATTEMPTS) {
      return reply;
    }
    return reply.handle((ack, failure) -> failure == null
            ? CompletableFuture.completedFuture(ack)
            : attempt(sourceId, sequence, market, batch, attempt + 1))
        .thenCompose(stage -> stage);
  }

  @Override
  public CompletionStage<OptionalLong> watermark(MarketId market) {
    return MarketSharding.entity(system, market)
        .ask(MarketCommand.GetStatus::new, timeout)
        .thenApply(status -> status.watermarkMs() == MarketState.NONE
            ? OptionalLong.empty()
            : OptionalLong.of(status.watermarkMs()));
  }
}
