package io.liqheat.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.backtest.AccuracyMetrics;
import io.liqheat.backtest.Bar;
import io.liqheat.backtest.RealizedLiquidations;
import io.liqheat.sim.SampleMarket;
import java.util.List;
import io.liqheat.backtest.Backtest;
import io.liqheat.backtest.BacktestFiles;
import io.liqheat.backtest.BacktestReport;
import io.liqheat.model.Calibration;
import io.liqheat.model.CalibrationLoader;
import io.liqheat.model.InvalidCalibrationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liqheat backtest}: the model's honest report card against realized liquidations. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the model over recorded bars and ranks its estimated liquidations against realized ones,",
      "next to the range x OI baseline. Research figures, not a trading signal."
    })
public final class BacktestCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Recorded files, or the built-in simulated sample: exactly one of the two. */
  static final class Input {
    @ArgGroup(exclusive = false)
    Files files;

    @Option(names = "--sample", required = true,
        description = "Run on the built-in simulated market (traders with known leverage), no files needed.")
    boolean sample;
  }

  static final class Files {
    @Option(names = "--bars", required = true, paramLabel = "BARS.csv",
        description = "open_time,open,high,low,close,open_interest_usd[,volume,long_short_ratio,taker_buy_volume,taker_sell_volume]")
    Path bars;

    @Option(names = "--liquidations", required = true, paramLabel = "LIQ.csv",
        description = "start_time,end_time,long_usd,short_usd")
    Path liquidations;
  }

  @Option(names = "--sample-hours", defaultValue = "720",
      description = "Hours of simulated market with --sample (default: ${DEFAULT-VALUE}).")
  int sampleHours;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated market (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model-version", paramLabel = "V",
      description = "Calibration to run (default: liqheat.model.version).")
  String modelVersion;

  @Option(names = "--market", defaultValue = "binance:BTCUSDT",
      description = "Market whose margin brackets apply (default: ${DEFAULT-VALUE}).")
  String market;

  @Option(names = "--score-from", paramLabel = "TIME",
      description = "Score only intervals starting at or after TIME (ISO-8601 or epoch ms). The model still runs over every bar.")
  String scoreFrom;

  @Option(names = "--score-to", paramLabel = "TIME",
      description = "Score only intervals starting before TIME (ISO-8601 or epoch ms).")
  String scoreTo;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Mixin ConfigFileOption config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Calibration calibration = calibration();
    List<Bar> bars;
    List<RealizedLiquidations> realized;
    if (input.sample) {
      SampleMarket.Sample sample = SampleMarket.generate(seed, sampleHours);
      bars = sample.bars();
      realized = sample.liquidations();
    } else {
      bars = BacktestFiles.readBars(input.files.bars);
      realized = BacktestFiles.readLiquidations(input.files.liquidations);
    }
    BacktestReport report = new Backtest(calibration, market).run(
        bars, realized, time("--score-from", scoreFrom, Long.MIN_VALUE), time("--score-to", scoreTo, Long.MAX_VALUE));
    PrintWriter out = spec.commandLine().getOut();
    if (input.sample && !json) {
      out.printf(Locale.ROOT, "simulated sample: %d hours, seed %d (every position known; see liqheat sample)%n", sampleHours, seed);
    }
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      printTable(out, report);
    }
    out.flush();
    return 0;
  }

  private Calibration calibration() {
    try {
      var loaded = config.load();
      return modelVersion == null
          ? CalibrationLoader.active(loaded)
          : CalibrationLoader.load(loaded, modelVersion);
    } catch (InvalidCalibrationException e) {
      throw new ConfigLoader.ConfigurationException("invalid calibration: " + e.getMessage());
    }
  }

  private static long time(String option, String value, long otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return value.matches("-?\\d+") ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ConfigLoader.ConfigurationException(
          option + " must be ISO-8601 (2026-03-01T00:00:00Z) or epoch milliseconds, was '" + value + "'");
    }
  }

  static void printTable(PrintWriter out, BacktestReport report) {
    out.printf(Locale.ROOT, "model version %s, %d intervals%n", report.modelVersion(), report.intervals());
    out.printf(Locale.ROOT, "%-10s %14s %14s %14s %10s%n", "", "spearmanLong", "spearmanShort", "spearmanBoth", "coverage");
    row(out, "model", report.model());
    row(out, "baseline", report.baseline());
    out.println("Rank correlation with realized liquidations. Research view, not a trading signal;");
    out.println("cross-margin positions cannot be seen.");
  }

  private static void row(PrintWriter out, String name, AccuracyMetrics metrics) {
    out.printf(Locale.ROOT, "%-10s %14.4f %14.4f %14.4f %10.4f%n", name,
        metrics.spearmanLong(), metrics.spearmanShort(), metrics.spearmanBoth(), metrics.coverage());
  }
}
