package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.cassandra.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code liqheat frames} without a node: its user errors. FramesProjectionIT runs it on one. */
class FramesCommandTest {

  @TempDir Path dir;

  /** The last run's output, for the assertions that follow it. */
  private String out = "";
  private String err = "";

  private int run(String... args) {
    CommandRun run = CommandRun.of(args);
    out = run.out();
    err = run.err();
    return run.exitCode();
  }

  private void assertOneLineUserError(int exit, String... fragments) {
    assertThat(exit).isEqualTo(2);
    assertThat(err.strip()).startsWith("liqheat: ").doesNotContain("\n").doesNotContain("Exception");
    assertThat(err).contains(fragments);
    assertThat(out).isEmpty();
  }

  @Test
  void helpDescribesTheOutputAndTheOptions() {
    int exit = run("frames", "--help");

    assertThat(exit).isZero();
    assertThat(out)
        .contains("--market", "--from", "--to", "--model-version", "--config", "one JSON line per five-minute window", "not a trading signal");
  }

  @Test
  void aMalformedMarketIsOneLineWithExitCode2() {
    assertOneLineUserError(run("frames", "--market", "BTCUSDT"), "malformed market id 'BTCUSDT'");
  }

  @Test
  void anUnknownExchangeIsOneLineWithExitCode2() {
    assertOneLineUserError(run("frames", "--market", "kraken:BTCUSD"), "unknown exchange 'kraken'");
  }

  @Test
  void fromAfterToIsOneLineWithExitCode2() {
    assertOneLineUserError(
        run("frames", "--market", "binance:BTCUSDT", "--from", "2026-11-21", "--to", "2026-11-20T12:00:00Z"),
        "--from 2026-11-21 must be before --to 2026-11-20T12:00:00Z");
  }

  @Test
  void aMalformedTimeIsOneLineWithExitCode2() {
    assertOneLineUserError(run("frames", "--market", "binance:BTCUSDT", "--from", "yesterday"), "--from", "'yesterday'");
  }

  @Test
  void timesAreIsoInstantsIsoDatesOrEpochMillis() {
    assertThat(FramesCommand.time("--from", "2026-11-20T23:55:00Z")).isEqualTo(1_795_218_900_000L);
    assertThat(FramesCommand.time("--from", "2026-11-21")).isEqualTo(1_795_219_200_000L);
    assertThat(FramesCommand.time("--from", "1795219200000")).isEqualTo(1_795_219_200_000L);
    assertThat(FramesCommand.time("--from", null)).isNull();
  }

  @Test
  void anUnreachableCassandraIsOneLineNamingTheContactPoint() throws IOException {
    int port = Ports.freePorts(1)[0];
    Path conf = dir.resolve("liqheat.conf");
    Files.writeString(conf, "datastax-java-driver.basic.contact-points = [\"127.0.0.1:" + port + "\"]\n");

    int exit = run("frames", "--market", "binance:BTCUSDT", "--config", conf.toString());

    assertOneLineUserError(exit, "cannot reach Cassandra at 127.0.0.1:" + port, "liqheat cassandra status");
  }
}
