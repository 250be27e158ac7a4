package io.liqheat.cli;

import io.liqheat.history.Mismatch;
import io.liqheat.history.ReplayReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code liqheat verify}: the journal checked against itself, and the read side against the journal. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every frozen window of every market with a journal (or of one): its checksum over its own",
      "content, the hash chain (each prevChecksum is the checksum before it, the first is empty), its",
      "frame recomputed from the recorded steps of every window up to it under its own calibration (as",
      "recovery replays them), and that the read side holds exactly the journal's rows, every column and",
      "the frame blob. Derived model versions are derived again and compared when their calibration is",
      "configured. Prints one line per mismatch (market, window as ISO time and epoch ms, what was",
      "checked, expected, found) and exits 1; exits 0 with a summary when everything matches.",
      "Windows frozen but not yet projected by a running service show up as missing rows."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:everything matches", "1:mismatches, one line each on stdout", "2:a usage or configuration error"})
public final class VerifyCommand implements Callable<Integer> {

  static final int MISMATCH_EXIT = 1;

  @Mixin MarketFilterOption markets;

  @Mixin ReplayOptions replay;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ReplayReport report = replay.run(spec, replays -> replays.verify(markets.only()));
    PrintWriter out = spec.commandLine().getOut();
    for (Mismatch mismatch : report.mismatches()) {
      out.println(mismatch.line());
    }
    if (!report.mismatches().isEmpty()) {
      CommandOutput.say(out, "verify: " + report.mismatches().size() + " mismatches; checked "
          + ReplayReportOutput.figures(report));
      return MISMATCH_EXIT;
    }
    CommandOutput.say(out, "verify: everything matches; checked " + ReplayReportOutput.figures(report));
    return 0;
  }
}
