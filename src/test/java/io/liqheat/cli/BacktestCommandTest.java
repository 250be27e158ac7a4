package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code liqheat backtest} as a user runs it: arguments in, exit code and output out. */
class BacktestCommandTest {

  @TempDir Path dir;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path fixtureBars() throws Exception {
    StringBuilder csv = new StringBuilder("open_time,open,high,low,close,open_interest_usd\n");
    double price = 100;
    for (int i = 0; i < 48; i++) {
      double close = price * (1 + 0.01 * Math.sin(i));
      csv.append(i * 3_600_000L).append(',').append(price).append(',')
          .append(Math.max(price, close) * 1.004).append(',').append(Math.min(price, close) * 0.995)
          .append(',').append(close).append(',').append(1_000_000 + 10_000 * (i % 7)).append('\n');
      price = close;
    }
    return write("bars.csv", csv.toString());
  }

  private Path fixtureLiquidations() throws Exception {
    StringBuilder csv = new StringBuilder("start_time,end_time,long_usd,short_usd\n");
    for (int i = 0; i < 48; i++) {
      csv.append(i * 3_600_000L).append(',').append((i + 1) * 3_600_000L).append(',')
          .append(100 + (i * 37) % 50).append(',').append(80 + (i * 11) % 40).append('\n');
    }
    return write("liq.csv", csv.toString());
  }

  @Test
  void jsonOutputHasExactlyTheDocumentedShape() throws Exception {
    CommandRun run = run("backtest", "--bars", fixtureBars().toString(), "--liquidations", fixtureLiquidations().toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(fieldNames(json)).containsExactly("intervals", "modelVersion", "model", "baseline");
    assertThat(json.get("intervals").asInt()).isEqualTo(47);
    assertThat(json.get("modelVersion").asText()).isEqualTo("v1");
    for (String predictor : List.of("model", "baseline")) {
      assertThat(fieldNames(json.get(predictor)))
          .containsExactly("spearmanLong", "spearmanShort", "spearmanBoth", "coverage");
    }
    assertThat(run.out().trim()).startsWith("{\"intervals\":47,\"modelVersion\":\"v1\",\"model\":{\"spearmanLong\":");
  }

  @Test
  void aMalformedRowStopsTheRunWithItsLineNumber() throws Exception {
    Path bars = write("bad.csv", "open_time,open,high,low,close,open_interest_usd\n0,1,1,1,1,1\n3600000,1,x,1,1,1\n");

    CommandRun run = run("backtest", "--bars", bars.toString(), "--liquidations", fixtureLiquidations().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("bad.csv line 3: column high is not a number");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownModelVersionIsAClearError() throws Exception {
    CommandRun run = run("backtest", "--bars", fixtureBars().toString(), "--liquidations", fixtureLiquidations().toString(),
        "--model-version", "nope");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("liqheat.model.versions.nope").contains("no such model version");
  }

  @Test
  void theTableSaysWhatTheFiguresAreAndAreNot() throws Exception {
    CommandRun run = run("backtest", "--bars", fixtureBars().toString(), "--liquidations", fixtureLiquidations().toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("baseline").contains("not a trading signal").contains("cross-margin");
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine root = LiqheatCommand.newCommandLine();
    for (String name : root.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CommandRun run = run(name, "--help");
      assertThat(run.exitCode()).as(name).isZero();
      assertThat(run.out()).as(name).contains("Usage:");
    }
  }

  @Test
  void runsOnTheSharedDevelopmentSet() {
    Path bars = SharedData.require("backtest/btc-1h-2025-12-to-2026-05-bars.csv");
    Path liquidations = SharedData.require("backtest/btc-1h-2025-12-to-2026-05-liquidations.csv");

    CommandRun run = run("backtest", "--bars", bars.toString(), "--liquidations", liquidations.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"intervals\":3994");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
