package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Replays markets' journals for a rebuild or a verification: the market ids, and each market's
 * events ({@link JournalReader}: straight from the journal's partitions, in sequence order, with no
 * tag table and no eventual-consistency delay in between) through a {@link MarketReplay} into a
 * {@link RowSink}, several markets at once.
 *
 * <p>Within a market, slices of the journal are read and decoded ahead ({@link #SLICES_IN_FLIGHT})
 * while the market's replay, which is sequential (the hash chain, the model), works on the slice
 * before, and the sink writes or compares the rows of the slices before that.
 */
final class JournalReplay {

  /** Windows replayed per step: the freezer copies the model once per chunk, as the entity does per persist. */
  static final int CHUNK = 500;

  /**
   * Slices of a market read and decoded at once, ahead of its replay: decoding an event (~14 µs)
   * costs about what refreezing it does (~18 µs; ReplayCostBenchmark), so a few slices keep both
   * cores busy even with one market. With
   * {@code --parallel-markets 4} that is up to 12 slices, ~30 MB of events, in the node at once.
   */
  static final int SLICES_IN_FLIGHT = 3;

  private final ActorSystem<?> system;
  private final JournalReader reader;
  private final int parallelMarkets;

  JournalReplay(ActorSystem<?> system, CqlSession session, Config config, int parallelMarkets) {
    this.system = system;
    this.reader = new JournalReader(session, config, SerializationExtension.get(Adapter.toClassic(system)),
        system.executionContext());
    this.parallelMarkets = parallelMarkets;
  }

  /** Every market with a journal, in id order. */
  CompletionStage<List<MarketId>> markets() {
    return reader.markets();
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
    return reader
        .windows(market, SLICES_IN_FLIGHT)
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
}
