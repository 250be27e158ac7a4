package io.liqheat.ingest;

import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.MarketState;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Delivers to market entities through Cluster Sharding. Each source name gets this JVM's run id, so a
 * restarted node starts a fresh sequence instead of being taken for a replay of the old one.
 *
 * <p>An unanswered ask is sent again after {@link DeliverySettings#attemptTimeout()}, until
 * {@link DeliverySettings#giveUpAfter()}. Many short attempts rather than a few long ones: while a
 * dead node is still a member, sharding sends its markets' messages there and they are lost; once
 * the node is removed, a message waits in sharding's buffer until the market has a new home. The
 * first attempt after the removal is the one that gets through, and short attempts send it soon.
 */
public final class ShardedMarketSink implements MarketInputSink {

  /** A pause between attempts, so that asks failing at once (sharding still starting) do not spin. */
  private static final long PAUSE_BETWEEN_ATTEMPTS_MS = 100;

  private final ActorSystem<?> system;
  private final DeliverySettings delivery;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final ConcurrentHashMap<String, AtomicLong> sequences = new ConcurrentHashMap<>();

  public ShardedMarketSink(ActorSystem<?> system, DeliverySettings delivery) {
    this.system = system;
    this.delivery = delivery;
  }

  @Override
  public CompletionStage<IngestAck> deliver(String source, MarketId market, InputBatch batch) {
    String sourceId = source + "@" + runId;
    long sequence = sequences.computeIfAbsent(sourceId + "/" + market, key -> new AtomicLong()).incrementAndGet();
    return attempt(sourceId, sequence, market, batch, System.nanoTime() + delivery.giveUpAfter().toNanos());
  }

  /** Retries reuse the sequence: if the lost reply's batch was applied, the retry is acknowledged as a duplicate. */
  private CompletionStage<IngestAck> attempt(
      String sourceId, long sequence, MarketId market, InputBatch batch, long giveUpAtNanos) {
    CompletionStage<IngestAck> reply = MarketSharding.entity(system, market)
        .ask(replyTo -> new MarketCommand.Ingest(sourceId, sequence, batch, replyTo), delivery.attemptTimeout());
    return reply.handle((ack, failure) -> {
          if (failure == null) {
            return CompletableFuture.completedFuture(ack);
          }
          if (System.nanoTime() - giveUpAtNanos >= 0) {
            return CompletableFuture.<IngestAck>failedFuture(failure);
          }
          Executor pause = CompletableFuture.delayedExecutor(PAUSE_BETWEEN_ATTEMPTS_MS, TimeUnit.MILLISECONDS);
          return CompletableFuture.runAsync(() -> {}, pause)
              .thenCompose(paused -> attempt(sourceId, sequence, market, batch, giveUpAtNanos));
        })
        .thenCompose(stage -> stage);
  }

  @Override
  public CompletionStage<OptionalLong> watermark(MarketId market) {
    return MarketSharding.entity(system, market)
        .ask(MarketCommand.GetStatus::new, delivery.attemptTimeout())
        .thenApply(status -> status.watermarkMs() == MarketState.NONE
            ? OptionalLong.empty()
            : OptionalLong.of(status.watermarkMs()));
  }
}
