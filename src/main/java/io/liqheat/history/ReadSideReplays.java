package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The journal replayed against the read side: {@code liqheat rebuild read-side}, {@code liqheat
 * rebuild --model-version} and {@code liqheat verify}. The journal is the truth; the read side is
 * what it says, and nothing else.
 *
 * <p>What a rebuild does with rows that are not the journal's own version (derived series): it
 * re-derives every version that has rows of the market and whose calibration is configured, in the
 * same pass over the journal, so that the derived series follows the journal too; a version that is
 * no longer configured cannot be recomputed, and its rows are left as they are and named in the
 * report's notes. Verification treats them alike: re-derived and compared when configured, named
 * when not. Rows of a market that has no journal at all are left alone and named too: deleting
 * history is not a rebuild's call to make.
 *
 * <p>The frames projection's offset is left alone. Every row written here is the same idempotent
 * upsert the projection writes for the same event, so a projection running meanwhile (the service
 * stays up) and the rebuild cannot disagree about a row: whichever writes last writes the same
 * cells. Resetting the offset would only make the service project the whole tag again, rewriting
 * every row a second time for nothing.
 */
public final class ReadSideReplays {

  private final ActorSystem<?> system;
  private final CqlSession session;
  private final ModelCalibrations calibrations;
  private final JournalReplay journal;

  /**
   * @param session a session for the journal and the read side
   * @param parallelMarkets markets replayed at once
   */
  public ReadSideReplays(ActorSystem<?> system, CqlSession session, Config config, int parallelMarkets) {
    this.system = system;
    this.session = session;
    this.calibrations = new ModelCalibrations(config);
    this.journal = new JournalReplay(system, session, config, parallelMarkets);
  }

  /**
   * Writes every row of the market (or of every market with a journal) from the journal again, and
   * deletes every row of those markets' rebuilt versions that it did not write. The result is
   * what the projection writes from the same journal.
   *
   * @throws NoJournalException when {@code only} names a market without a journal
   */
  public ReplayReport rebuildReadSide(Optional<MarketId> only) {
    long started = System.nanoTime();
    long writtenBefore = nowMicros();
    ReadSidePartitions partitions = new ReadSidePartitions(session);
    List<ReadSidePartition> stored = partitions.all();
    List<MarketId> markets = markets(only);
    FramesWriter writer = join(FramesWriter.prepare(session));
    List<MarketOutcome> outcomes = join(journal.eachMarket(markets, market -> {
      List<ReadSidePartition> ofMarket = ofMarket(stored, market);
      ReplayPlan plan = new ReplayPlan(false, true, configured(versions(ofMarket)), false);
      return journal
          .replay(market, new MarketReplay(market, plan, calibrations), new RowWriter(system, writer))
          .thenCompose(outcome -> partitions
              .deleteWrittenBefore(writtenBefore, replayed(ofMarket, outcome))
              .thenApply(deleted -> outcome));
    }));
    requireJournal(only, outcomes);
    return ReplayReport.of(outcomes, started, notes(outcomes, stored, only, "left as they are"));
  }

  /**
   * Writes the market's frames frozen anew under {@code version} from the journal's recorded steps,
   * as a series of that version with its own checksum chain, and deletes that version's rows it did
   * not write. The journal and the rows of every other version are not touched.
   *
   * @throws io.liqheat.model.InvalidCalibrationException when {@code version} is not configured
   * @throws RecordedVersionException when the journal's events are of {@code version} themselves
   * @throws NoJournalException when the market has no journal
   */
  public ReplayReport deriveVersion(MarketId market, String version) {
    calibrations.require(version);
    long started = System.nanoTime();
    long writtenBefore = nowMicros();
    ReadSidePartitions partitions = new ReadSidePartitions(session);
    List<ReadSidePartition> ofVersion = ofMarket(partitions.all(), market).stream()
        .filter(partition -> partition.modelVersion().equals(version))
        .toList();
    FramesWriter writer = join(FramesWriter.prepare(session));
    ReplayPlan plan = new ReplayPlan(false, false, List.of(version), true);
    MarketOutcome outcome = join(journal
        .replay(market, new MarketReplay(market, plan, calibrations), new RowWriter(system, writer))
        .thenCompose(replayed -> partitions.deleteWrittenBefore(writtenBefore, ofVersion).thenApply(deleted -> replayed)));
    requireJournal(Optional.of(market), List.of(outcome));
    return ReplayReport.of(List.of(outcome), started, List.of());
  }

  /**
   * Checks the journal of the market (or of every market with one) and compares the read side with
   * it; see {@link MarketReplay} and {@link RowComparison} for what is checked.
   *
   * @throws NoJournalException when {@code only} names a market without a journal
   */
  public ReplayReport verify(Optional<MarketId> only) {
    long started = System.nanoTime();
    ReadSidePartitions partitions = new ReadSidePartitions(session);
    List<ReadSidePartition> stored = partitions.all();
    List<MarketOutcome> outcomes = join(journal.eachMarket(markets(only), market -> {
      List<ReadSidePartition> ofMarket = ofMarket(stored, market);
      ReplayPlan plan = new ReplayPlan(true, true, configured(versions(ofMarket)), false);
      return journal.replay(market, new MarketReplay(market, plan, calibrations), new RowComparison(partitions, ofMarket));
    }));
    requireJournal(only, outcomes);
    return ReplayReport.of(outcomes, started, notes(outcomes, stored, only, "not verified"));
  }

  private List<MarketId> markets(Optional<MarketId> only) {
    return only.map(List::of).orElseGet(() -> join(journal.markets()));
  }

  private List<String> configured(Set<String> versions) {
    return versions.stream().filter(version -> calibrations.find(version).isPresent()).toList();
  }

  /** The partitions of the versions the replay wrote: all of their rows are the replay's now. */
  private static List<ReadSidePartition> replayed(List<ReadSidePartition> ofMarket, MarketOutcome outcome) {
    Set<String> versions = new HashSet<>(outcome.recordedVersions());
    versions.addAll(outcome.derivedVersions());
    return ofMarket.stream().filter(partition -> versions.contains(partition.modelVersion())).toList();
  }

  /** What was not replayed although the read side has rows of it, each said once. */
  private static List<String> notes(
      List<MarketOutcome> outcomes, List<ReadSidePartition> stored, Optional<MarketId> only, String leftAs) {
    List<String> notes = new ArrayList<>();
    Set<MarketId> replayed = new HashSet<>();
    for (MarketOutcome outcome : outcomes) {
      replayed.add(outcome.market());
      Set<String> left = versions(ofMarket(stored, outcome.market()));
      left.removeAll(outcome.recordedVersions());
      left.removeAll(outcome.derivedVersions());
      for (String version : left) {
        notes.add(outcome.market() + ": rows of model version " + version + " " + leftAs
            + ": liqheat.model.versions." + version + " is not configured, so they cannot be recomputed");
      }
    }
    if (only.isEmpty()) {
      TreeMap<String, Set<String>> orphans = new TreeMap<>();
      stored.stream()
          .filter(partition -> !replayed.contains(partition.market()))
          .forEach(partition ->
              orphans.computeIfAbsent(partition.market().toString(), m -> new TreeSet<>()).add(partition.modelVersion()));
      orphans.forEach((market, versions) -> notes.add(
          market + ": rows of model version(s) " + String.join(", ", versions) + " " + leftAs
              + ": the journal has no window of this market"));
    }
    return notes;
  }

  private static void requireJournal(Optional<MarketId> only, List<MarketOutcome> outcomes) {
    if (only.isPresent() && outcomes.stream().allMatch(outcome -> outcome.frames() == 0)) {
      throw new NoJournalException(only.get());
    }
  }

  private static List<ReadSidePartition> ofMarket(List<ReadSidePartition> stored, MarketId market) {
    return stored.stream().filter(partition -> partition.market().equals(market)).toList();
  }

  private static Set<String> versions(List<ReadSidePartition> partitions) {
    Set<String> versions = new TreeSet<>();
    partitions.forEach(partition -> versions.add(partition.modelVersion()));
    return versions;
  }

  /** Cassandra's write time (µs) of now; the driver stamps later writes of this JVM later. */
  private static long nowMicros() {
    return System.currentTimeMillis() * 1000;
  }

  private static <T> T join(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
