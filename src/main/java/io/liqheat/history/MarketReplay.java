package io.liqheat.history;

import io.liqheat.market.FrameChecksum;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import io.liqheat.model.Calibration;
import io.liqheat.model.InvalidStepException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass over one market's journal, chunk by chunk in sequence order, as a {@link ReplayPlan}
 * says: the journal checked, and the read-side rows of its own version and of derived versions
 * produced. Not thread-safe: a market's chunks come one after another.
 */
final class MarketReplay {

  private final MarketId market;
  private final ReplayPlan plan;
  private final ModelCalibrations calibrations;
  private final Map<String, Refreezer> derivations = new LinkedHashMap<>();
  /** Frames recomputed under each event's own calibration; null once they cannot be (see {@link #recompute}). */
  private Refreezer recomputation;
  private String previousChecksum = "";
  private boolean started;

  MarketReplay(MarketId market, ReplayPlan plan, ModelCalibrations calibrations) {
    this.market = market;
    this.plan = plan;
    this.calibrations = calibrations;
  }

  /** The derived versions this replay produces: the plan's, less the events' own (see {@link ReplayPlan}). */
  List<String> derivedVersions() {
    return List.copyOf(derivations.keySet());
  }

  /**
   * The chunk's rows, and what is wrong with its events.
   *
   * @throws RecordedVersionException when a derived version is the events' own and the plan refuses that
   */
  ReplayedChunk process(List<RecordedWindow> chunk) {
    List<WindowFrozen> events = chunk.stream().map(RecordedWindow::event).toList();
    if (!started) {
      start(events.get(0));
    }
    List<Mismatch> mismatches = new ArrayList<>();
    if (plan.checkJournal()) {
      List<Mismatch> recomputed = new ArrayList<>();
      List<WindowFrozen> fresh = recomputation == null ? null : recompute(events, recomputed);
      checkChain(events, fresh, mismatches);
      mismatches.addAll(recomputed);
    }
    List<FrozenFrameRow> rows = new ArrayList<>(chunk.size() * (1 + derivations.size()));
    if (plan.recordedRows()) {
      chunk.forEach(recorded -> rows.add(FrozenFrameRow.of(recorded.event(), recorded.sequenceNr())));
    }
    derivations.forEach((version, refreezer) -> {
      Calibration calibration = calibrations.require(version);
      List<WindowFrozen> derived = refreezer.refreeze(events, event -> calibration);
      for (int i = 0; i < derived.size(); i++) {
        // The derived window stands for the same journal event, so it keeps that event's sequence number.
        rows.add(FrozenFrameRow.of(derived.get(i), chunk.get(i).sequenceNr()));
      }
    });
    return new ReplayedChunk(rows, mismatches);
  }

  private void start(WindowFrozen first) {
    started = true;
    for (String version : plan.derivedVersions()) {
      if (version.equals(first.modelVersion())) {
        if (plan.refuseRecordedVersion()) {
          throw new RecordedVersionException(market, version);
        }
      } else {
        derivations.put(version, new Refreezer(market, version));
      }
    }
    if (plan.checkJournal()) {
      recomputation = new Refreezer(market, first.modelVersion());
    }
  }

  /**
   * Each event's checksum over its own content, and its link to the event before it. {@code fresh}
   * (when the frames could be recomputed) are the same windows frozen again: the recorded content
   * but for the frame and the chain link, so where those two are equal as well, the recomputed
   * checksum is the one over the recorded content, and SHA-256 need not run over it a second time.
   */
  private void checkChain(List<WindowFrozen> events, List<WindowFrozen> fresh, List<Mismatch> mismatches) {
    for (int i = 0; i < events.size(); i++) {
      WindowFrozen event = events.get(i);
      WindowFrozen again = fresh == null ? null : fresh.get(i);
      String content = again != null && event.market().equals(market) && again.frame().equals(event.frame())
              && again.prevChecksum().equals(event.prevChecksum())
          ? again.checksum()
          : FrameChecksum.of(event);
      if (!content.equals(event.checksum())) {
        mismatches.add(new Mismatch(market, event.windowStartMs(), "journal checksum", content,
            Mismatch.shown(event.checksum())));
      }
      if (!previousChecksum.equals(event.prevChecksum())) {
        mismatches.add(new Mismatch(market, event.windowStartMs(), "journal prevChecksum",
            Mismatch.shown(previousChecksum), Mismatch.shown(event.prevChecksum())));
      }
      previousChecksum = event.checksum();
    }
  }

  /**
   * Each frame again from the steps of every window up to it, under the event's own calibration,
   * as recovery replays them. When that cannot go on (a calibration not configured, a step that
   * does not replay) it is said once and the rest of the market is not recomputed, since every
   * later frame depends on the model that could not be built; then the result is null.
   */
  private List<WindowFrozen> recompute(List<WindowFrozen> events, List<Mismatch> mismatches) {
    for (WindowFrozen event : events) {
      Optional<Calibration> calibration = calibrations.find(event.modelVersion());
      if (calibration.isEmpty()) {
        mismatches.add(new Mismatch(market, event.windowStartMs(), "journal frame recomputed from steps",
            "calibration liqheat.model.versions." + event.modelVersion() + " to recompute with", "it is not configured"));
        recomputation = null;
        return null;
      }
    }
    List<WindowFrozen> fresh;
    try {
      fresh = recomputation.refreeze(events, event -> calibrations.require(event.modelVersion()));
    } catch (InvalidStepException e) {
      WindowFrozen first = events.get(0);
      mismatches.add(new Mismatch(market, first.windowStartMs(),
          "journal steps replayed (in the " + events.size() + " windows from here)",
          "steps that replay", e.getMessage()));
      recomputation = null;
      return null;
    }
    for (int i = 0; i < events.size(); i++) {
      WindowFrozen recorded = events.get(i);
      if (!fresh.get(i).frame().equals(recorded.frame())) {
        mismatches.add(new Mismatch(market, recorded.windowStartMs(),
            "journal frame recomputed from steps (" + recorded.modelVersion() + ")",
            "frame " + fresh.get(i).frame().checksum(), "frame " + recorded.frame().checksum()));
      }
    }
    return fresh;
  }

  /** A chunk's read-side rows and what was found wrong in its events. */
  record ReplayedChunk(List<FrozenFrameRow> rows, List<Mismatch> mismatches) {}
}
