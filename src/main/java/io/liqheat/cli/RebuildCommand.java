package io.liqheat.cli;

import io.liqheat.history.ReplayReport;
import io.liqheat.market.MarketId;
import io.liqheat.model.Calibration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code liqheat rebuild --market ID --model-version V}: a market's history frozen anew under
 * another calibration, as a series of its own; {@code liqheat rebuild read-side} is a subcommand.
 */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    subcommands = RebuildReadSideCommand.class,
    description = {
      "With --market and --model-version: replays the recorded steps of every frozen window of the market,",
      "in order, through calibration V (liqheat.model.versions.V) and writes the frames it gives to the",
      "read side under model_version V, with the recorded candle, OI, coverage and printed liquidations",
      "and a checksum chain of their own. The journal and the rows of the market's own version are not",
      "touched. V must not be the version the market was frozen under: `liqheat verify` recomputes those.",
      "The history API serves the series with ?modelVersion=V.",
      "With the read-side subcommand: the read side rewritten from the journal."
    })
public final class RebuildCommand implements Callable<Integer> {

  @Option(names = "--market", paramLabel = "ID", description = "The market, exchange:SYMBOL.")
  String market;

  @Option(names = "--model-version", paramLabel = "V", description = "The calibration to freeze the history under.")
  String modelVersion;

  @Mixin ReplayOptions replay;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (market == null || modelVersion == null) {
      throw new ConfigLoader.ConfigurationException(
          "rebuild needs --market ID and --model-version V, or the subcommand read-side; see `liqheat rebuild --help`");
    }
    if (!Calibration.isModelVersion(modelVersion)) {
      throw new ConfigLoader.ConfigurationException(
          "--model-version must be 1 to 64 letters, digits, '.', '_' or '-', was '" + modelVersion + "'");
    }
    MarketId id = MarketId.parse(market);
    ReplayReport report = replay.run(spec, replays -> replays.deriveVersion(id, modelVersion));
    CommandOutput.say(spec.commandLine().getOut(), "froze the history of " + id + " anew under model version " + modelVersion + ": "
        + ReplayReportOutput.figures(report));
    return 0;
  }
}
