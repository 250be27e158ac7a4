package io.liqheat.cli;

import static io.liqheat.cli.CommandOutput.say;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.backtest.Backtest;
import io.liqheat.backtest.Bar;
import io.liqheat.backtest.BacktestFiles;
import io.liqheat.cassandra.CassandraMode;
import io.liqheat.cassandra.CassandraProvisioner;
import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketStatus;
import io.liqheat.market.BarInputs;
import io.liqheat.market.Windows;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code liqheat replay}: feeds recorded bars through the normal ingest path into a market entity,
 * which freezes windows by their exchange time into Cassandra. Running the same file again changes
 * nothing: every input then falls in an already frozen window and is dropped as late.
 *
 * <p>It runs a node of its own (a cluster of one). It must not run while a service node hosts the
 * same market on another cluster: two writers to one journal would conflict.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays recorded bars (the backtest CSV format) into a market through the normal ingest path.",
      "Windows freeze by exchange time into Cassandra; the command exits when every window is frozen",
      "and projected. Starts the embedded Cassandra node when it is not running and leaves it running."
    })
public final class ReplayCommand implements Callable<Integer> {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 20;

  @Option(names = "--market", required = true, paramLabel = "ID", description = "exchange:SYMBOL, e.g. binance:BTCUSDT")
  String market;

  @Option(names = "--bars", required = true, paramLabel = "BARS.csv",
      description = "open_time,open,high,low,close,open_interest_usd[,volume,long_short_ratio,...]")
  Path bars;

  @Option(names = "--rate", defaultValue = "max", paramLabel = "max|N",
      description = "Bars per second, or max (default: ${DEFAULT-VALUE}).")
  String rate;

  @Option(names = "--batch-bars", defaultValue = "200",
      description = "Bars per ingest batch at the max rate (default: ${DEFAULT-VALUE}).")
  int batchBars;

  @Option(names = "--timeout", defaultValue = "PT10M",
      description = "How long to wait for every window to freeze and be projected (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin ConfigFileOption config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    MarketId marketId = MarketId.parse(market);
    double barsPerSecond = parseRate(rate);
    List<Bar> recorded = BacktestFiles.readBars(bars);
    if (recorded.size() < 2) {
      throw new ConfigLoader.ConfigurationException("replay needs at least two bars, " + bars + " has " + recorded.size());
    }
    long barMs = Backtest.barDuration(recorded);
    int perBatch = Double.isInfinite(barsPerSecond) ? Math.max(1, batchBars) : (int) Math.max(1, Math.min(batchBars, barsPerSecond));
    List<InputBatch> batches = BarInputs.batches(recorded, barMs, perBatch);

    Config loaded = CassandraMode.withDriverContactPoint(
        ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0").withFallback(config.load()).resolve());
    CassandraProvisioner.ensureReady(loaded, line -> say(out, line));
    try (LiqheatNode node = LiqheatNode.start(loaded)) {
      // The clock starts once the market answers: what comes before is the node joining its
      // cluster, sharding starting and the entity recovering, which every command pays, replaying or
      // not. It is reported on its own line, not hidden.
      long nodeStarted = System.nanoTime();
      awaitAnswer(node, marketId);
      say(out, String.format(Locale.ROOT, "%s answered %.2f s after the node started", marketId,
          (System.nanoTime() - nodeStarted) / 1e9));
      long started = System.nanoTime();
      String source = "replay:" + bars.toAbsolutePath().normalize();
      long accepted = 0;
      long late = 0;
      long invalid = 0;
      for (int i = 0; i < batches.size(); i++) {
        IngestAck ack = ingestWithRetries(node, marketId, source, i, batches.get(i));
        accepted += ack.accepted();
        late += ack.late();
        invalid += ack.invalid();
        if (!Double.isInfinite(barsPerSecond)) {
          TimeUnit.MILLISECONDS.sleep((long) (1000 * perBatch / barsPerSecond));
        }
      }
      long lastEnd = recorded.get(recorded.size() - 1).openTimeMs() + barMs;
      // The recording ends here: let the clock pass the grace so the last window freezes too.
      InputBatch end = InputBatch.builder().heartbeat(lastEnd + node.settings().graceMs()).build();
      ingestWithRetries(node, marketId, source, batches.size(), end);

      long lastWindow = Windows.startOf(lastEnd - 1);
      MarketStatus status = awaitFrozen(node, marketId, lastWindow);
      double frozenSeconds = (System.nanoTime() - started) / 1e9;
      awaitProjected(node, marketId, status.lastFrozenWindowStartMs());
      double projectedSeconds = (System.nanoTime() - started) / 1e9;
      say(out, String.format(Locale.ROOT,
          "replayed %d bars into %s: every window frozen %.2f s and projected %.2f s from the first batch on;"
              + " %d inputs accepted, %d late, %d invalid; %d windows frozen in all, the last at %s, checksum %s",
          recorded.size(), marketId, frozenSeconds, projectedSeconds, accepted, late, invalid, status.framesFrozen(),
          Instant.ofEpochMilli(status.lastFrozenWindowStartMs()), status.lastChecksum()));
    }
    CommandOutput.sayEmbeddedNodeKeepsRunning(out, loaded);
    return 0;
  }

  private static IngestAck ingestWithRetries(
      LiqheatNode node, MarketId market, String source, long sequence, InputBatch batch) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return node.ingest(market, source, sequence, batch, ASK_TIMEOUT).toCompletableFuture().get();
      } catch (ExecutionException e) {
        // A timeout while the journal is down: the same sequence is safe to send again, since the
        // entity acknowledges a batch it already applied as a duplicate.
        if (attempt == MAX_ATTEMPTS) {
          throw new IllegalStateException("batch " + sequence + " was not acknowledged after " + attempt + " attempts", e);
        }
        TimeUnit.MILLISECONDS.sleep(Math.min(5_000, 250L * attempt));
      }
    }
  }

  private void awaitAnswer(LiqheatNode node, MarketId market) throws Exception {
    // Until then sharding is still starting or the entity still recovering.
    await(() -> node.status(market, ASK_TIMEOUT), status -> true, market + " did not answer within " + timeout);
  }

  private MarketStatus awaitFrozen(LiqheatNode node, MarketId market, long lastWindow) throws Exception {
    return await(() -> node.status(market, ASK_TIMEOUT), status -> status.lastFrozenWindowStartMs() >= lastWindow,
        "windows were still not frozen after " + timeout);
  }

  private void awaitProjected(LiqheatNode node, MarketId market, long lastWindow) throws Exception {
    await(() -> node.lastProjectedWindow(market), projected -> projected.orElse(Long.MIN_VALUE) >= lastWindow,
        "windows were still not projected after " + timeout);
  }

  /**
   * Asks every 50 ms until an answer is {@code done}, and returns it; a failed ask (the entity or the
   * read side still starting) is asked again. Gives up with {@code timeoutMessage} after {@link #timeout}.
   */
  private <T> T await(Supplier<CompletionStage<T>> ask, Predicate<T> done, String timeoutMessage) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        T answer = ask.get().toCompletableFuture().get();
        if (done.test(answer)) {
          return answer;
        }
      } catch (ExecutionException e) {
        // not ready yet; ask again
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(timeoutMessage);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static double parseRate(String rate) {
    if (rate.equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double value = Double.parseDouble(rate);
      if (value > 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigLoader.ConfigurationException("--rate must be max or a number of bars per second above 0, was '" + rate + "'");
  }
}
