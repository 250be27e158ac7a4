package io.liqheat.cli;

import static io.liqheat.cli.CommandOutput.say;

import com.typesafe.config.Config;
import io.liqheat.cassandra.CassandraMode;
import io.liqheat.cassandra.CassandraProvisioner;
import io.liqheat.market.ExchangeClock;
import io.liqheat.sim.DemoMarkets;
import io.liqheat.sim.SimServer;
import io.liqheat.sim.SimulatedExchange;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code liqheat demo}: the whole product on one machine without network. It starts the embedded
 * Cassandra, a simulated exchange that speaks Binance's, Bybit's and OKX's wire protocols on
 * loopback (BTC, ETH and SOL on each), and a liqheat node whose real connectors read the simulator.
 * New markets first backfill the simulator's history, so frozen windows exist from the start.
 *
 * <p>The simulator runs in its own actor system, so that the node is configured exactly as it would
 * be against the real exchanges.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs liqheat against a simulated exchange (Binance, Bybit and OKX protocols on loopback) with the",
      "embedded Cassandra: no network needed. Prints what each market did, and how well the estimate",
      "ranks the simulator's true liquidation levels. A research view, not a trading signal;",
      "cross-margin positions cannot be seen."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--history", defaultValue = "PT12H",
      description = "Simulated past the simulator serves for backfill (default: ${DEFAULT-VALUE}).")
  Duration history;

  @Option(names = "--duration", paramLabel = "DURATION",
      description = "Stop after this long, e.g. PT5M (default: run until Ctrl-C).")
  Duration duration;

  @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
      description = {"Exchange time runs X times faster than the wall clock (default: ${DEFAULT-VALUE}),",
          "e.g. 30 freezes a window every 10 s. Up to 1000."})
  double speed;

  @Option(names = "--report-every", defaultValue = "PT30S", description = "Report period (default: ${DEFAULT-VALUE}).")
  Duration reportEvery;

  @Mixin ConfigFileOption config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config loaded = CassandraMode.withDriverContactPoint(config.load());
    CassandraProvisioner.ensureReady(loaded, line -> say(out, line));
    DemoConfig.overriddenInterface(loaded).ifPresent(configured -> say(out, "liqheat.http.interface = " + configured
        + " is ignored: the demo listens on " + DemoConfig.DEMO_INTERFACE + " only"));

    say(out, "simulating " + history + " of history for " + DemoMarkets.specs().size() + " markets ...");
    ActorSystem<Void> simulatorSystem = SimServer.actorSystem();
    long sinceMs = System.currentTimeMillis();
    Clock exchangeClock = ExchangeClock.scaled(speed, sinceMs);
    try (SimulatedExchange sim = new SimulatedExchange(simulatorSystem, DemoMarkets.specs(), seed, history, exchangeClock)) {
      ServerBinding binding = SimServer.start(simulatorSystem, sim, "127.0.0.1", 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
      int port = binding.localAddress().getPort();
      say(out, "simulated exchange on http://127.0.0.1:" + port + " (truth: /sim/truth?exchange=binance&symbol=BTCUSDT)");
      try (LiqheatNode node = LiqheatNode.start(DemoConfig.pointedAt(loaded, port, sim.markets(), speed, sinceMs))) {
        node.http().ifPresent(api -> say(out, "open " + api.url() + "  (API: " + api.url() + "api/v1/markets)"));
        say(out, "liqheat is reading " + sim.markets().size() + " markets; a report follows every " + reportEvery
            + ". Research view, not a trading signal; cross-margin positions cannot be seen.");
        // Said now, not at the end: the demo usually ends with Ctrl-C.
        CommandOutput.sayEmbeddedNodeKeepsRunning(out, loaded);
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(Math.min(reportEvery.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
          say(out, "report:\n" + DemoReport.format(DemoReport.collect(node, sim), node.connectors().status()));
        }
      } finally {
        binding.unbind();
      }
    } finally {
      simulatorSystem.terminate();
    }
    return 0;
  }
}
