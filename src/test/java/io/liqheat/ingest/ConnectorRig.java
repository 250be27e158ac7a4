package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSettings;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.MarketStatus;
import io.liqheat.model.CalibrationLoader;
import io.liqheat.sim.SimMarketSpec;
import io.liqheat.sim.SimServer;
import io.liqheat.sim.SimulatedMarket;
import io.liqheat.sim.SimulatedExchange;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;

/**
 * A connector's world for end-to-end tests: real market entities (sharded, on the in-memory test
 * journal, since these tests are about the wire, not about Cassandra) and the simulated exchange on a
 * real loopback socket, with the connectors' URLs pointed at it and short timeouts.
 */
public final class ConnectorRig implements AutoCloseable {

  public final ActorSystem<Void> system;
  public final SimulatedExchange sim;
  public final ShardedMarketSink sink;
  public final int port;
  private final ServerBinding binding;

  private ConnectorRig(ActorSystem<Void> system, SimulatedExchange sim, ServerBinding binding) {
    this.system = system;
    this.sim = sim;
    this.binding = binding;
    this.port = binding.localAddress().getPort();
    this.sink = new ShardedMarketSink(system, new DeliverySettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 100_000));
  }

  /** Starts entities and a simulator of the given markets with {@code history} of simulated past. */
  public static ConnectorRig start(List<SimMarketSpec> markets, Duration history) {
    ConfigFactory.invalidateCaches();
    Config config = ConfigFactory.parseString(
            "pekko.actor.provider = cluster\n"
                + "pekko.remote.artery.canonical.port = 0\n"
                + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                + "pekko.cluster.seed-nodes = []\n"
                + "pekko.coordinated-shutdown.exit-jvm = off\n"
                + "pekko.cluster.sharding.remember-entities = off\n")
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(ConfigFactory.load())
        .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "connector-test", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    MarketSharding.init(system, CalibrationLoader.active(config), MarketSettings.fromConfig(config));
    SimulatedExchange sim = new SimulatedExchange(system, markets, 42, history, Clock.systemUTC());
    try {
      ServerBinding binding = SimServer.start(system, sim, "127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new ConnectorRig(system, sim, binding);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("the simulator did not bind", e);
    }
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + port;
  }

  /**
   * Connector settings for {@code exchange} pointed at the simulator, with test-sized timeouts;
   * {@code overrides} is HOCON relative to {@code liqheat.ingest}, e.g. {@code stale-after = 2s}.
   */
  public ConnectorSettings settings(Exchange exchange, String wsPath, String overrides) {
    String block = "liqheat.ingest.exchanges." + exchange.id();
    Config config = ConfigFactory.parseString(
            block + ".ws-url = \"" + wsUrl() + wsPath + "\"\n"
                + block + ".rest-url = \"" + httpUrl() + "\"\n")
        .withFallback(ConfigFactory.parseString(overrides).atPath("liqheat.ingest"))
        .withFallback(ConfigFactory.parseString(
            "liqheat.ingest { reconnect { min-backoff = 200ms, max-backoff = 1s }, batch.max-delay = 50ms,"
                + " stale-after = 5s, open-interest-poll-interval = 1s, ratio-poll-interval = 2s, backfill.max-gap = 2h }"))
        .withFallback(system.settings().config())
        .resolve();
    return ConnectorSettings.fromConfig(config, exchange);
  }

  /**
   * How far the simulator has run {@code market}, on its own timer. Every closed candle and every
   * five-minute point up to this time is served, and stays as served; a range ending at the wall
   * clock instead may still grow (by the candle or point the timer adds next) between two requests.
   */
  public long simulatedTime(MarketId market) {
    return sim.read(market, SimulatedMarket::timeMs);
  }

  public MarketStatus status(MarketId market) {
    try {
      return MarketSharding.entity(system, market)
          .ask(MarketCommand.GetStatus::new, Duration.ofSeconds(10))
          .toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no status from " + market, e);
    }
  }

  /**
   * Polls {@code probe} every 100 ms until it holds, failing after {@code within} with the last value
   * in the message. A deadline to give up, not a timing assertion: fast or slow, the test checks the same thing.
   */
  public static <T> T eventually(Duration within, java.util.function.Supplier<T> probe, Predicate<T> condition) {
    long deadline = System.nanoTime() + within.toNanos();
    T last = probe.get();
    while (!condition.test(last)) {
      assertThat(System.nanoTime()).as("condition not met in %s; last value: %s", within, last).isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = probe.get();
    }
    return last;
  }

  @Override
  public void close() {
    sim.close();
    binding.unbind();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the test actor system did not stop", e);
    }
  }
}
