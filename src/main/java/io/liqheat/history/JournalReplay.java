package io.liqheat.history;

import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.WindowFrozen;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads markets' journals for a rebuild or a verification: the market ids from the journal's list
 * of persistence ids, each market's events by persistence id (its own partitions, in sequence
 * order, with no tag table and no eventual-consistency delay in between), several markets at once.
 */
final class JournalReplay {

  /** Windows replayed per step: the freezer copies the model once per chunk, as the entity does per persist. */
  static final int CHUNK = 500;

  private static final String MARKET_PREFIX = MarketSharding.TYPE_KEY.name() + "|";

  private final ActorSystem<?> system;
  private final CassandraReadJournal journal;
  private final int parallelMarkets;

  JournalReplay(ActorSystem<?> system, int parallelMarkets) {
    this.system = system;
    this.journal =
        PersistenceQuery.get(system).getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    this.parallelMarkets = parallelMarkets;
  }

  /** Every market with a journal, in id order; other persistence ids (sharding's own) are not markets. */
  CompletionStage<List<MarketId>> markets() {
    return journal
        .currentPersistenceIds()
        .filter(id -> id.startsWith(MARKET_PREFIX))
        .runWith(Sink.seq(), system)
        .thenApply(ids -> {
          Set<String> sorted = new TreeSet<>(ids);
          List<MarketId> markets = new ArrayList<>();
          sorted.forEach(id -> markets.add(MarketId.parse(id.substring(MARKET_PREFIX.length()))));
          return markets;
        });
  }

  /** Runs {@code perMarket} for each market, {@code parallelMarkets} at a time; outcomes in market order. */
  CompletionStage<List<MarketOutcome>> eachMarket(
      List<MarketId> markets, Function<MarketId, CompletionStage<MarketOutcome>> perMarket) {
    return Source.from(markets)
        .mapAsyncUnordered(parallelMarkets, perMarket::apply)
        .runWith(Sink.seq(), system)
        .thenApply(outcomes -> {
          List<MarketOutcome> sorted = new ArrayList<>(outcomes);
          sorted.sort((a, b) -> a.market().toString().compareTo(b.market().toString()));
          return sorted;
        });
  }

  /** One market's journal through {@code replay} into {@code sink}. */
  CompletionStage<MarketOutcome> replay(MarketId market, MarketReplay replay, RowSink sink) {
    AtomicLong frames = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    Set<String> recordedVersions = Collections.synchronizedSet(new TreeSet<>());
    List<Mismatch> mismatches = Collections.synchronizedList(new ArrayList<>());
    return journal
        .currentEventsByPersistenceId(MarketSharding.persistenceId(market).id(), 0L, Long.MAX_VALUE)
        .map(JournalReplay::recorded)
        .grouped(CHUNK)
        .map(chunk -> {
          MarketReplay.ReplayedChunk replayed = replay.process(chunk);
          frames.addAndGet(chunk.size());
          rows.addAndGet(replayed.rows().size());
          chunk.forEach(recorded -> recordedVersions.add(recorded.event().modelVersion()));
          mismatches.addAll(replayed.mismatches());
          return replayed.rows();
        })
        .mapAsync(sink.parallelism(), sink::accept)
        .runWith(Sink.ignore(), system)
        .thenCompose(done -> sink.finish())
        .thenApply(found -> {
          List<Mismatch> all = new ArrayList<>(mismatches);
          all.addAll(found);
          // Journal findings and read-side findings of one window end up together, journal first.
          all.sort((a, b) -> Long.compare(a.windowStartMs(), b.windowStartMs()));
          return new MarketOutcome(market, frames.get(), rows.get(), List.copyOf(recordedVersions),
              replay.derivedVersions(), all);
        });
  }

  private static RecordedWindow recorded(EventEnvelope envelope) {
    if (!(envelope.event() instanceof WindowFrozen event)) {
      throw new IllegalStateException("a market's journal holds only WindowFrozen events, but "
          + envelope.persistenceId() + " has a " + envelope.event().getClass().getName() + " at " + envelope.sequenceNr());
    }
    return new RecordedWindow(event, envelope.sequenceNr());
  }
}
