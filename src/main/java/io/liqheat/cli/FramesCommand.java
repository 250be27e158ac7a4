package io.liqheat.cli;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import io.liqheat.history.CommandSessions;
import io.liqheat.history.FrameJson;
import io.liqheat.history.FramesRepository;
import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.MarketId;
import io.liqheat.market.Windows;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liqheat frames}: frozen history from the read side, one JSON line per five-minute window. */
@Command(
    name = "frames",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a market's frozen frames from the read side in Cassandra,",
      "one JSON line per five-minute window: windowStart (epoch ms), checksum,",
      "prevChecksum, coverage, candle, modelVersion, and the strongest bands",
      "within +-10 %% of the close (at most 3 per side). Unknown numbers are null.",
      "Estimates from public data: a research view, not a trading signal.",
      "Without --to the range ends after the latest projected window; without",
      "--from it starts 24 hours before its end. Cassandra is reached through",
      "datastax-java-driver in the configuration."
    })
public final class FramesCommand implements Callable<Integer> {

  static final Duration DEFAULT_SPAN = Duration.ofHours(24);

  @Option(names = "--market", required = true, paramLabel = "ID", description = "Market, exchange:SYMBOL, e.g. binance:BTCUSDT.")
  String market;

  @Option(names = "--from", paramLabel = "TIME",
      description = "First window start to print, inclusive: ISO-8601 (2026-11-20T00:00:00Z or 2026-11-20, UTC) or epoch ms.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Print windows starting before TIME (same formats).")
  String to;

  @Option(names = "--model-version", paramLabel = "V", description = "Calibration the frames were frozen under (default: liqheat.model.version).")
  String modelVersion;

  @Mixin ConfigFileOption config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    MarketId id = MarketId.parse(market);
    Long fromMs = time("--from", from);
    Long toMs = time("--to", to);
    if (fromMs != null && toMs != null && fromMs >= toMs) {
      throw new ConfigLoader.ConfigurationException("--from " + from + " must be before --to " + to);
    }
    Config loaded = config.load();
    String version = modelVersion != null ? modelVersion : loaded.getString("liqheat.model.version");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (CqlSession session = CommandSessions.open(loaded)) {
      FramesRepository frames = new FramesRepository(session);
      Long end = toMs;
      if (end == null) {
        Optional<Long> last = frames.lastProjectedWindow(id, version).toCompletableFuture().join();
        if (last.isEmpty()) {
          err.println("liqheat: no frozen frames of " + id + " under model version " + version + " yet");
          err.flush();
          return 0;
        }
        end = Windows.endOf(last.get());
      }
      long start = fromMs != null ? fromMs : end - DEFAULT_SPAN.toMillis();
      AtomicLong count = new AtomicLong();
      try (Stream<FrozenFrameRow> rows = frames.stream(id, version, start, end)) {
        rows.forEach(
            row -> {
              out.println(FrameJson.line(row));
              count.incrementAndGet();
            });
      }
      out.flush();
      err.println(
          "liqheat: " + count.get() + " frames of " + id + " (" + version + ") from " + Instant.ofEpochMilli(start)
              + " to " + Instant.ofEpochMilli(end) + "; estimates, a research view, not a trading signal");
      err.flush();
      return 0;
    } catch (CompletionException e) {
      throw e.getCause() instanceof DriverException driver ? CassandraErrors.explain(driver, loaded) : e;
    } catch (DriverException e) {
      throw CassandraErrors.explain(e, loaded);
    }
  }

  /** Epoch ms, ISO instant, or ISO date (its midnight UTC); null when absent. */
  static Long time(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      if (value.matches("-?\\d+")) {
        return Long.parseLong(value);
      }
      if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ConfigLoader.ConfigurationException(
          option + " must be ISO-8601 (2026-11-20T00:00:00Z or 2026-11-20) or epoch milliseconds, was '" + value + "'");
    }
  }
}
