package io.liqheat.cli;

import static io.liqheat.cli.CommandOutput.say;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.ingest.DeliverySettings;
import io.liqheat.ingest.Connectors;
import io.liqheat.ingest.IngestSettings;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.ingest.ShardedMarketSink;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSettings;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.MarketStatus;
import io.liqheat.model.CalibrationLoader;
import io.liqheat.sim.LoadFrames;
import io.liqheat.sim.LoadStreamServer;
import io.liqheat.sim.SimMarketSpec;
import io.liqheat.sim.SimServer;
import io.liqheat.sim.SimulatedExchange;
import io.liqheat.ingest.websocket.WebSocketClient;
import io.liqheat.ingest.websocket.WebSocketClientSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code liqheat loadtest-ingest}: end-to-end ingest on one node, from simulator WebSocket frames to
 * market entities, measured against bare parsing of the same frames in the same process.
 *
 * <ol>
 *   <li>The simulator serves the exchange's REST API for {@code --markets} markets, and its load
 *       mode ({@link LoadStreamServer}) serves pre-rendered trade frames ({@link LoadFrames}) in a
 *       loop on the exchange's stream path.
 *   <li>Simulator rate: frames per second the load server writes to a client that only decodes
 *       them, before the connector starts, so that it is known not to be the bottleneck.
 *   <li>The real connector of that exchange reads them into real sharded market entities (on the
 *       in-memory journal: no window freezes in this test, see {@link LoadFrames}).
 *   <li>Ingest rate: trades the entities accepted per second, from their own counters, over
 *       {@code --seconds} after a warm-up.
 *   <li>Parse rates, on one thread with nothing else running, over the same frames: a bare Jackson
 *       walk over every token ({@link JsonTokenWalk}), and the connector's own stream parser.
 * </ol>
 */
@Command(
    name = "loadtest-ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Measures end-to-end ingest (simulator WebSocket frames -> connector -> market entities) on this",
      "machine, and bare parsing of the same frames; prints both rates and their ratio."
    })
public final class IngestLoadCommand implements Callable<Integer> {

  @Option(names = "--exchange", defaultValue = "binance", description = "binance, bybit or okx (default: ${DEFAULT-VALUE}).")
  String exchange;

  @Option(names = "--markets", defaultValue = "30", description = "Markets (default: ${DEFAULT-VALUE}).")
  int marketCount;

  @Option(names = "--trades-per-frame", defaultValue = "10",
      description = "Trades per Bybit/OKX frame; Binance aggTrade frames carry one (default: ${DEFAULT-VALUE}).")
  int tradesPerFrame;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).")
  int warmup;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Exchange venue = Exchange.fromId(exchange);
    List<MarketId> markets = new ArrayList<>();
    for (int i = 1; i <= marketCount; i++) {
      String base = String.format(Locale.ROOT, "LOAD%02d", i);
      markets.add(new MarketId(venue, venue == Exchange.OKX ? base + "-USDT-SWAP" : base + "USDT"));
    }
    long window = LoadFrames.loopWindowStart(System.currentTimeMillis());
    List<LoadFrames.Frame> frames = LoadFrames.render(venue, markets, 2_000, tradesPerFrame, window, 7);
    Path snapshots = Files.createTempDirectory("liqheat-loadtest");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "loadtest", nodeConfig(snapshots));
    try {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      MarketSharding.init(system, CalibrationLoader.active(system.settings().config()),
          MarketSettings.fromConfig(system.settings().config()));
      List<SimMarketSpec> specs = markets.stream().map(market -> SimMarketSpec.typical(market, 96_000, 0.01)).toList();
      try (SimulatedExchange sim = new SimulatedExchange(system, specs, 7, Duration.ofMinutes(10), Clock.systemUTC())) {
        // REST (instruments, backfill, polls) from the normal simulator; the stream from the load mode's server.
        ServerBinding rest = SimServer.start(system, sim, "127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
        LoadStreamServer load = LoadStreamServer.start(system, "127.0.0.1", 0, venue, frames);
        say(out, String.format(Locale.ROOT, "%s: %d markets, %d pre-rendered frames (%d trades each for bybit/okx)",
            venue.id(), marketCount, frames.size(), venue == Exchange.BINANCE ? 1 : tradesPerFrame));

        SimulatorRate simulator = simulatorRate(system, load, venue, Math.max(5, seconds / 3));
        say(out, String.format(Locale.ROOT, "simulator: %,.0f frames/s, %,.0f trades/s (to a client that only decodes the frames,"
            + " over %.1f s, nothing else running; process CPU %.0f %% of one core)",
            simulator.frames(), simulator.trades(), simulator.seconds(), simulator.cpuPercent()));

        Config ingestConfig = ConfigFactory.parseString(
                "liqheat.ingest.exchanges." + venue.id() + ".ws-url = \"ws://127.0.0.1:" + load.port() + streamPath(venue) + "\"")
            .withFallback(DemoConfig.pointedAt(system.settings().config(), rest.localAddress().getPort(), markets))
            .resolve();
        Connectors connectors = Connectors.start(system, IngestSettings.fromConfig(ingestConfig),
            new ShardedMarketSink(system, new DeliverySettings(Duration.ofSeconds(30), Duration.ofSeconds(90), 1_000_000)), Clock.systemUTC());

        say(out, String.format(Locale.ROOT, "warming up %d s", warmup));
        TimeUnit.SECONDS.sleep(warmup);
        long trades0 = acceptedTrades(system, markets);
        long sent0 = load.tradesSent();
        long frames0 = load.framesSent();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long trades1 = acceptedTrades(system, markets);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        long sent1 = load.tradesSent();
        long frames1 = load.framesSent();
        List<ConnectorStatus> status = connectors.status();
        connectors.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        load.unbind();
        rest.unbind();

        double ingestRate = (trades1 - trades0) / elapsed;
        int parseSeconds = Math.max(5, seconds / 2);
        double walkRate = tradeRate(frames, parseSeconds, message -> JsonTokenWalk.tokens(message, 0, message.length));
        double parseRate = connectorParseRate(venue, markets, frames, parseSeconds);
        long malformed = status.stream().mapToLong(ConnectorStatus::malformedTotal).sum();
        long late = status.stream().mapToLong(ConnectorStatus::late).sum();
        long reconnects = status.stream().mapToLong(ConnectorStatus::reconnects).sum();
        say(out, String.format(Locale.ROOT,
            "ingest: %,.0f trades/s into the entities (%,.0f frames/s from the simulator, %,.0f trades/s sent),"
                + " over %.1f s; process CPU %.0f %% of one core; malformed %d, late %d, reconnects %d",
            ingestRate, (frames1 - frames0) / elapsed, (sent1 - sent0) / elapsed, elapsed, 100 * cpu / elapsed, malformed, late,
            reconnects));
        say(out, String.format(Locale.ROOT, "parse:  %,.0f trades/s (bare Jackson: every token of the same frames' bytes, one thread)",
            walkRate));
        say(out, String.format(Locale.ROOT, "parse:  %,.0f trades/s (the same frames' bytes through the connector's parser, one thread)",
            parseRate));
        say(out, String.format(Locale.ROOT, "ratio ingest/parse: %.2f against bare Jackson, %.2f against the connector's parser",
            ingestRate / walkRate, ingestRate / parseRate));
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    return 0;
  }

  private record SimulatorRate(double frames, double trades, double seconds, double cpuPercent) {}

  /**
   * The load server's own rate: frames it writes per second to liqheat's WebSocket client with
   * nothing behind the client (no parsing, no entities), so it shows how far the simulator is from
   * being the bottleneck of the ingest run. Two seconds of warm-up first.
   */
  private static SimulatorRate simulatorRate(ActorSystem<?> system, LoadStreamServer load, Exchange venue, int seconds)
      throws Exception {
    WebSocketClientSettings client = new WebSocketClientSettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(1));
    UniqueKillSwitch drain = Source.<String>maybe()
        .via(WebSocketClient.flow(system, URI.create("ws://127.0.0.1:" + load.port() + drainPath(venue)), client))
        .viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.ignore())
        .run(system);
    try {
      TimeUnit.SECONDS.sleep(2);
      long frames0 = load.framesSent();
      long trades0 = load.tradesSent();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      TimeUnit.SECONDS.sleep(seconds);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      return new SimulatorRate((load.framesSent() - frames0) / elapsed, (load.tradesSent() - trades0) / elapsed, elapsed,
          100 * (processCpuNanos() - cpu0) / 1e9 / elapsed);
    } finally {
      drain.shutdown();
    }
  }

  /** A stream path of the exchange, for the simulator-rate client (Binance's ws-url is the bare host). */
  private static String drainPath(Exchange exchange) {
    return exchange == Exchange.BINANCE ? "/stream" : streamPath(exchange);
  }

  /** The exchange's stream path under its ws-url, as production and the demo configure it. */
  private static String streamPath(Exchange exchange) {
    return switch (exchange) {
      case BINANCE -> "";
      case BYBIT -> "/v5/public/linear";
      case OKX -> "/ws/v5/public";
    };
  }

  /** Sharding and entities as in production, on the in-memory journal: this measures ingest, not Cassandra. */
  private static Config nodeConfig(Path snapshots) {
    return ConfigFactory.parseString(
            "pekko.actor.provider = cluster\n"
                + "pekko.remote.artery.canonical.port = 0\n"
                + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                + "pekko.cluster.seed-nodes = []\n"
                + "pekko.cluster.sharding.remember-entities = off\n"
                + "pekko.persistence.journal.plugin = \"pekko.persistence.journal.inmem\"\n"
                + "pekko.persistence.journal.inmem.test-serialization = off\n"
                + "pekko.persistence.snapshot-store.plugin = \"pekko.persistence.snapshot-store.local\"\n"
                + "pekko.persistence.snapshot-store.local.dir = \"" + snapshots.toString().replace("\\", "/") + "\"\n"
                + "pekko.loglevel = WARNING\n")
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  private static long acceptedTrades(ActorSystem<?> system, List<MarketId> markets) throws Exception {
    long total = 0;
    for (MarketId market : markets) {
      MarketStatus status = MarketSharding.entity(system, market)
          .ask(MarketCommand.GetStatus::new, Duration.ofSeconds(30)).toCompletableFuture().get(60, TimeUnit.SECONDS);
      total += status.counters().trades();
    }
    return total;
  }

  /** Reads one message on the parse loop. */
  private interface MessageReader {
    void read(byte[] message) throws IOException;
  }

  /** Trades per second through the exchange's stream parser alone; a malformed frame stops the test. */
  private static double connectorParseRate(Exchange exchange, List<MarketId> markets, List<LoadFrames.Frame> frames,
      int seconds) throws IOException {
    MessageParser parser = LoadParsers.streamParser(exchange, markets);
    ParseSink checking = new ParseSink() {
      @Override
      public void input(MarketInput input) {}

      @Override
      public void malformed(MarketId market, String reason) {
        throw new IllegalStateException("a load frame was malformed: " + market + " " + reason);
      }
    };
    return tradeRate(frames, seconds, message -> parser.parse(message, 0, message.length, checking));
  }

  /**
   * Trades per second of the frames through {@code reader} on this thread, in a loop over all of
   * them (13 MB for Binance's 60,000 frames: not cache-resident, as in the ingest run). Two seconds
   * of warm-up so the JIT has compiled the reader before it is timed.
   */
  private static double tradeRate(List<LoadFrames.Frame> frames, int seconds, MessageReader reader) throws IOException {
    byte[][] texts = frames.stream().map(frame -> frame.text().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long warm = System.nanoTime() + 2_000_000_000L;
    long trades = 0;
    long countedFrom = 0;
    long timedStart = 0;
    int i = 0;
    while (true) {
      reader.read(texts[i]);
      trades += frames.get(i).trades();
      i = (i + 1) % texts.length;
      if (i == 0) {
        long now = System.nanoTime();
        if (timedStart == 0 && now > warm) {
          timedStart = now;
          countedFrom = trades;
        } else if (now > deadline && timedStart != 0) {
          return (trades - countedFrom) / ((now - timedStart) / 1e9);
        }
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
