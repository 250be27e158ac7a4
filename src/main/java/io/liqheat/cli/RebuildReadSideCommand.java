package io.liqheat.cli;

import io.liqheat.history.ReplayReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code liqheat rebuild read-side}: the read side written again from the journal. */
@Command(
    name = "read-side",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrites the read side (liqheat.frames_by_market_day, frames_progress) of every market with a",
      "journal, or of one, from the journal's WindowFrozen events, and deletes those markets' rows that",
      "the journal does not back. Derived model versions (rebuild --model-version) are derived again when",
      "their calibration is configured, and left as they are (with a note) when not. The journal and the",
      "projection's offset are not touched; the service may keep running."
    })
public final class RebuildReadSideCommand implements Callable<Integer> {

  @Mixin MarketFilterOption markets;

  @Mixin ReplayOptions replay;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ReplayReport report = replay.run(spec, replays -> replays.rebuildReadSide(markets.only()));
    CommandOutput.say(spec.commandLine().getOut(),
        "rebuilt the read side from the journal: " + ReplayReportOutput.figures(report));
    return 0;
  }
}
