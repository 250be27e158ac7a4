package io.liqheat.cli;

import io.liqheat.backtest.BacktestFiles;
import io.liqheat.sim.SampleMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code liqheat sample}: writes the built-in simulated market as backtest CSV files. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a simulated market (traders with known entries and leverage) as bars.csv and",
      "liquidations.csv in the backtest's formats: a starting point for your own files."
    })
public final class SampleCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if missing).")
  Path out;

  @Option(names = "--bars", defaultValue = "720", description = "Number of bars (default: ${DEFAULT-VALUE}).")
  int bars;

  @Option(names = "--bar-minutes", defaultValue = "60", description = "Minutes per bar (default: ${DEFAULT-VALUE}).")
  int barMinutes;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SampleMarket.Sample sample = SampleMarket.generate(seed, bars, barMinutes);
    Files.createDirectories(out);
    Path bars = out.resolve("bars.csv");
    Path liquidations = out.resolve("liquidations.csv");
    BacktestFiles.writeBars(bars, sample.bars());
    BacktestFiles.writeLiquidations(liquidations, sample.liquidations());
    spec.commandLine().getOut().println("wrote " + bars + " and " + liquidations);
    return 0;
  }
}
