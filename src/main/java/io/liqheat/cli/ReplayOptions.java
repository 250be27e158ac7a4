package io.liqheat.cli;

import io.liqheat.history.ReadSideReplays;
import io.liqheat.history.ReplayReport;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the commands that replay the journal ({@code rebuild}, {@code verify}) share: their
 * options, and running the replay with its notes said on stderr.
 */
public final class ReplayOptions {

  @Option(names = "--parallel-markets", defaultValue = "4", paramLabel = "N",
      description = "Markets replayed at once (default: ${DEFAULT-VALUE}).")
  int parallelMarkets;

  @Mixin ConfigFileOption config;

  /** Runs {@code work}; its notes (what was left alone) go to the command's stderr. */
  ReplayReport run(CommandLine.Model.CommandSpec spec, Function<ReadSideReplays, ReplayReport> work) {
    if (parallelMarkets < 1) {
      throw new ConfigLoader.ConfigurationException("--parallel-markets must be at least 1, was " + parallelMarkets);
    }
    ReplayReport report = JournalCommandRunner.run(config, parallelMarkets, spec.commandLine().getErr(), work);
    report.notes().forEach(note -> CommandOutput.say(spec.commandLine().getErr(), "liqheat: note: " + note));
    return report;
  }
}
