package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import io.liqheat.metrics.NodeMetrics;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects every tagged {@link WindowFrozen} into {@code frames_by_market_day}: a small
 * {@code eventsByTag} consumer with its own offset table, since pekko-projection-cassandra has no
 * release for Pekko 1.7.0.
 *
 * <p>The stream: events from the stored offset → batches of up to {@code batch-size} events or
 * {@code batch-window} → each batch's rows written as unlogged batches of one partition's rows
 * (about half Cassandra's CPU per row of single upserts), {@code write-parallelism} in flight, two
 * event batches at a time → per event batch, in order, the latest window of each market in {@code
 * frames_progress}, then the batch's last offset in {@code projection_offsets}. Delivery is at least
 * once: after a crash or stop the last uncommitted batch is delivered again and its upserts rewrite
 * the same rows.
 *
 * <p>Failures (Cassandra away, a timeout) restart the whole stream with backoff from the stored
 * offset. It runs until {@link RunningProjection#stop}. In a cluster, run it on one node (a
 * cluster singleton): two copies would be correct, since every write is an upsert, but wasteful.
 *
 * <p>Its driver session is the one Pekko Persistence's Cassandra plugin uses ({@code
 * CassandraSessionRegistry} keyed by the plugin's config path): one connection pool, and the same
 * contact points, credentials and TLS from {@code datastax-java-driver}, closed with the actor
 * system.
 */
public final class FramesProjection {

  /** The projection's name in {@code projection_offsets}. */
  public static final String NAME = "frames";

  /** The plugin's shared config path; the registry gives every user of it one session. */
  static final String PLUGIN_CONFIG_PATH = "pekko.persistence.cassandra";

  private static final Logger log = LoggerFactory.getLogger(FramesProjection.class);

  private static final int WRITTEN_BATCHES_IN_FLIGHT = 2;

  private final ActorSystem<?> system;
  private final ProjectionSettings settings;
  private final CassandraSession session;
  private final CassandraReadJournal readJournal;

  public FramesProjection(ActorSystem<?> system) {
    this(system, ProjectionSettings.fromConfig(system.settings().config()));
  }

  public FramesProjection(ActorSystem<?> system, ProjectionSettings settings) {
    this.system = system;
    this.settings = settings;
    this.session = CassandraSessionRegistry.get(system).sessionFor(PLUGIN_CONFIG_PATH);
    this.readJournal =
        PersistenceQuery.get(system).getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
  }

  /** Starts the stream from the stored offset, or from the start of the tag when none is stored. */
  public RunningProjection start() {
    AtomicLong projected = new AtomicLong();
    Pair<UniqueKillSwitch, CompletionStage<Done>> running =
        RestartSource.withBackoff(settings.restartSettings(), () -> fromStoredOffset(projected))
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(system);
    return new RunningProjection(running.first(), running.second(), projected);
  }

  /**
   * The latest window of the market whose frame is written, with every earlier one: {@code liqheat
   * replay} waits until this reaches the last window it froze.
   */
  public CompletionStage<Optional<Long>> lastProjectedWindow(MarketId market, String modelVersion) {
    return session().thenCompose(cql -> new FramesRepository(cql).lastProjectedWindow(market, modelVersion));
  }

  /**
   * Forgets the stored offset, so that the next {@link #start} projects the whole tag again,
   * rewriting every row (a rebuild). Stop the projection first.
   */
  public CompletionStage<Done> resetOffset() {
    return session().thenCompose(cql -> offsets(cql).delete());
  }

  /** The driver session shared with the persistence plugin, e.g. for a {@link FramesRepository}. */
  public CompletionStage<CqlSession> session() {
    return session.underlying();
  }

  /** The stored offset's timeuuid, if any. */
  CompletionStage<Optional<UUID>> storedOffset() {
    return session().thenCompose(cql -> offsets(cql).stored());
  }

  /** One run of the stream; the restart wrapper calls it again after each failure. */
  private Source<Done, NotUsed> fromStoredOffset(AtomicLong projected) {
    CompletionStage<Source<Done, NotUsed>> ready =
        session()
            .thenCompose(
                cql -> {
                  ProjectionOffsetStore offsets = offsets(cql);
                  return FramesWriter.prepare(cql)
                      .thenCombine(
                          offsets.load(),
                          (writer, offset) -> {
                            log.info("Frames projection starts at offset {}", offset);
                            return project(writer, offsets, offset, projected);
                          });
                });
    return Source.completionStageSource(ready)
        .mapMaterializedValue(ignored -> NotUsed.getInstance())
        .watchTermination((notUsed, done) -> {
          // Each failed run (no session, a write timed out) is one Cassandra error; the restart follows.
          done.whenComplete((ok, failure) -> {
            if (failure != null) {
              NodeMetrics.get(system).cassandraError("projection");
            }
          });
          return notUsed;
        });
  }

  private Source<Done, NotUsed> project(
      FramesWriter writer, ProjectionOffsetStore offsets, Offset from, AtomicLong projected) {
    return readJournal
        .eventsByTag(WindowFrozen.TAG, from)
        .mapConcat(FramesProjection::toProjected)
        .groupedWithin(settings.batchSize(), settings.batchWindow())
        // Two batches' writes in flight, so the next is written while the last commits; mapAsync
        // emits in input order, so a batch commits only after it and every batch before it is written.
        .mapAsync(WRITTEN_BATCHES_IN_FLIGHT, batch -> writer.writeAll(rows(batch), settings.writeParallelism(), system).thenApply(done -> batch))
        .mapAsync(1, batch -> commit(writer, offsets, batch, projected));
  }

  private static List<FrozenFrameRow> rows(List<Projected> batch) {
    return batch.stream().map(Projected::row).toList();
  }

  /** After every event of the batch is written: progress per market, then the offset. */
  private static CompletionStage<Done> commit(
      FramesWriter writer, ProjectionOffsetStore offsets, List<Projected> batch, AtomicLong projected) {
    return writer
        .recordProgress(rows(batch))
        .thenCompose(done -> offsets.save(batch.get(batch.size() - 1).offset()))
        .thenApply(
            done -> {
              projected.addAndGet(batch.size());
              return done;
            });
  }

  private static List<Projected> toProjected(EventEnvelope envelope) {
    if (envelope.event() instanceof WindowFrozen frozen) {
      return List.of(new Projected(FrozenFrameRow.of(frozen, envelope.sequenceNr()), envelope.offset()));
    }
    // Only WindowFrozen carries the tag; anything else is a bug elsewhere, not a reason to stop.
    log.warn(
        "Frames projection skips a {} of {} (seq {}) tagged {}",
        envelope.event().getClass().getName(), envelope.persistenceId(), envelope.sequenceNr(), WindowFrozen.TAG);
    return List.of();
  }

  private static ProjectionOffsetStore offsets(CqlSession cql) {
    return new ProjectionOffsetStore(cql, NAME, WindowFrozen.TAG);
  }

  /** An event turned into its row, with the offset to store once it is written. */
  private record Projected(FrozenFrameRow row, Offset offset) {}
}
