package io.liqheat.cli;

import static io.liqheat.cli.CommandOutput.say;

import io.liqheat.market.ExchangeClock;
import io.liqheat.sim.DemoMarkets;
import io.liqheat.sim.SimServer;
import io.liqheat.sim.SimulatedExchange;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code liqheat simulate}: the demo's simulated exchange on its own, for nodes in other JVMs (a
 * local cluster, the failover test). It writes the settings those nodes need, the exchange URLs and
 * the exchange clock, into a HOCON file that their configuration includes.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the simulated exchange (Binance, Bybit and OKX wire protocols, BTC, ETH and SOL on each) on",
      "loopback until stopped, and writes the node settings that point liqheat at it (--node-config)."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "9100", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks one).")
  int port;

  @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--history", defaultValue = "PT12H",
      description = "Simulated past served for backfill (default: ${DEFAULT-VALUE}).")
  Duration history;

  @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
      description = "Exchange time runs X times faster than the wall clock (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--markets", paramLabel = "N",
      description = "Instead of the demo's nine markets, N made-up ones spread over the three exchanges (capacity tests).")
  Integer syntheticMarkets;

  @Option(names = "--node-config", paramLabel = "FILE",
      description = "Writes the nodes' settings (liqheat.ingest, liqheat.clock) for this simulator here.")
  Path nodeConfig;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long sinceMs = System.currentTimeMillis();
    Clock exchangeClock = ExchangeClock.scaled(speed, sinceMs);
    ActorSystem<Void> system = SimServer.actorSystem();
    try (SimulatedExchange sim = new SimulatedExchange(system,
        syntheticMarkets == null ? DemoMarkets.specs() : DemoMarkets.synthetic(syntheticMarkets), seed, history, exchangeClock)) {
      ServerBinding binding = SimServer.start(system, sim, "127.0.0.1", port).toCompletableFuture().get(30, TimeUnit.SECONDS);
      int bound = binding.localAddress().getPort();
      String settings = DemoConfig.nodeSettings(bound, sim.markets(), speed, sinceMs);
      if (nodeConfig != null) {
        Path absolute = nodeConfig.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(partial, settings, StandardCharsets.UTF_8);
        // Written whole and then renamed, so a script waiting for the file never reads half of it.
        Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
      }
      say(out, "simulated exchange on http://127.0.0.1:" + bound + " for " + sim.markets().size() + " markets, exchange time x"
          + speed + (nodeConfig == null ? "; node settings:\n" + settings : "; node settings in " + nodeConfig));
      CountDownLatch stopped = new CountDownLatch(1);
      system.getWhenTerminated().thenRun(stopped::countDown);
      Runtime.getRuntime().addShutdownHook(new Thread(system::terminate));
      stopped.await();
      binding.unbind();
    } finally {
      system.terminate();
    }
    return 0;
  }
}
