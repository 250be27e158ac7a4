package io.liqheat.history;

import java.util.List;

/**
 * What a rebuild or a verification did.
 *
 * @param markets markets whose journal was read
 * @param frames frozen windows read from their journals
 * @param rows read-side rows written or compared (a window's own and its derived versions')
 * @param elapsedNanos from the start to the last write or comparison
 * @param mismatches what verification found wrong, by market and window; always empty for a rebuild
 * @param notes what was left alone, and why
 */
public record ReplayReport(
    int markets, long frames, long rows, long elapsedNanos, List<Mismatch> mismatches, List<String> notes) {

  public ReplayReport {
    mismatches = List.copyOf(mismatches);
    notes = List.copyOf(notes);
  }

  public double seconds() {
    return elapsedNanos / 1e9;
  }

  public double framesPerSecond() {
    return elapsedNanos == 0 ? 0 : frames / seconds();
  }

  static ReplayReport of(List<MarketOutcome> outcomes, long startedNanos, List<String> notes) {
    long elapsed = System.nanoTime() - startedNanos;
    List<Mismatch> mismatches =
        outcomes.stream().flatMap(outcome -> outcome.mismatches().stream()).toList();
    return new ReplayReport(
        (int) outcomes.stream().filter(outcome -> outcome.frames() > 0).count(),
        outcomes.stream().mapToLong(MarketOutcome::frames).sum(),
        outcomes.stream().mapToLong(MarketOutcome::rows).sum(),
        elapsed,
        mismatches,
        notes);
  }
}
