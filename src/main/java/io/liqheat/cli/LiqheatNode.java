package io.liqheat.cli;

import com.typesafe.config.Config;
import io.liqheat.history.FramesProjection;
import io.liqheat.history.FramesProjectionSingleton;
import io.liqheat.history.FramesRepository;
import io.liqheat.http.ClusterViews;
import io.liqheat.http.HistoryRoutes;
import io.liqheat.http.HistorySettings;
import io.liqheat.http.HttpApi;
import io.liqheat.http.HttpSettings;
import io.liqheat.http.OpsRoutes;
import io.liqheat.http.Readiness;
import io.liqheat.http.RecentWindows;
import io.liqheat.ingest.ClusterConnectorStates;
import io.liqheat.ingest.ConnectorEntity;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.ingest.Connectors;
import io.liqheat.ingest.IngestSettings;
import io.liqheat.ingest.ShardedMarketSink;
import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.ExchangeClock;
import io.liqheat.market.MarketCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSettings;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.MarketStatus;
import io.liqheat.metrics.ConnectorMetrics;
import io.liqheat.metrics.NodeMetrics;
import io.liqheat.model.Calibration;
import io.liqheat.model.CalibrationLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * One liqheat JVM in the Pekko cluster: the actor system, market sharding, the read-side projection
 * (a cluster singleton), and the ways commands talk to markets. With no seed nodes configured it forms a cluster of one by joining itself.
 *
 * <p>The calibration and market settings are read before the actor system starts, so a bad
 * configuration stops start-up with a message naming the key and nothing half-started.
 */
public final class LiqheatNode implements AutoCloseable {

  private static final Duration CONNECTOR_STATE_REFRESH = Duration.ofSeconds(2);

  private final ActorSystem<Void> system;
  private final Calibration calibration;
  private final MarketSettings settings;

  private final FramesProjection readSide;
  private final Connectors connectors;
  private HttpApi http;
  private Readiness readiness;

  private LiqheatNode(ActorSystem<Void> system, Calibration calibration, MarketSettings settings, FramesProjection readSide,
      Connectors connectors) {
    this.system = system;
    this.calibration = calibration;
    this.settings = settings;
    this.readSide = readSide;
    this.connectors = connectors;
  }

  public static LiqheatNode start(Config config) {
    Calibration calibration = CalibrationLoader.active(config);
    IngestSettings ingest = IngestSettings.fromConfig(config);
    // Entities fed by connectors wait for a backfill after they start: see LiveMarket.recovered.
    MarketSettings settings = MarketSettings.fromConfig(config).withBackfillAfterStart(ingest.enabled());
    Clock exchangeClock = ExchangeClock.fromConfig(config);
    boolean httpEnabled = config.getBoolean("liqheat.http.enabled");
    HttpSettings httpSettings = HttpSettings.fromConfig(config);
    HistorySettings historySettings = HistorySettings.fromConfig(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "liqheat", config);
    Cluster cluster = Cluster.get(system);
    if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    MarketSharding.init(system, calibration, settings);
    FramesProjectionSingleton.init(system);
    Connectors connectors = new Connectors();
    // The API's market list shows every exchange's connector, wherever it runs; /metrics only this node's.
    Supplier<List<ConnectorStatus>> connectorStates = connectors::status;
    if (ingest.enabled()) {
      MarketSharding.keepRunning(system, ingest.markets());
      ConnectorEntity.init(system, ingest, new ShardedMarketSink(system, ingest.delivery()), exchangeClock,
          connectors);
      connectorStates = ClusterConnectorStates.follow(system, List.copyOf(ingest.exchanges().keySet()), CONNECTOR_STATE_REFRESH);
    }
    ConnectorMetrics.bind(NodeMetrics.get(system), connectors::status);
    FramesProjection readSide = new FramesProjection(system);
    LiqheatNode node = new LiqheatNode(system, calibration, settings, readSide, connectors);
    if (httpEnabled) {
      try {
        node.http = HttpApi.start(system, httpSettings, ingest.markets(),
            market -> node.status(market, Duration.ofSeconds(5)), connectorStates,
            // The history reads through the persistence plugin's session: one pool, and it comes up
            // (and back) with Cassandra instead of failing the node's start.
            new HistoryRoutes(() -> readSide.session().thenApply(FramesRepository::new), ingest.markets(),
                calibration.modelVersion(), historySettings, exchangeClock),
            new OpsRoutes(NodeMetrics.get(system), node.readiness(), () -> ClusterViews.read(system)));
        // In the background: the node serves at once, and the windows before its start fill in.
        RecentWindows.load(node.http.hub(), () -> readSide.session().thenApply(FramesRepository::new),
            calibration.modelVersion(), exchangeClock);
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
    }
    return node;
  }

  public CompletionStage<IngestAck> ingest(MarketId market, String source, long sequence, InputBatch batch, Duration timeout) {
    return MarketSharding.entity(system, market)
        .ask(replyTo -> new MarketCommand.Ingest(source, sequence, batch, replyTo), timeout);
  }

  public CompletionStage<MarketStatus> status(MarketId market, Duration timeout) {
    return MarketSharding.entity(system, market).ask(MarketCommand.GetStatus::new, timeout);
  }

  /** The newest window of a market that the read side holds, under the running calibration. */
  public CompletionStage<Optional<Long>> lastProjectedWindow(MarketId market) {
    return readSide.lastProjectedWindow(market, calibration.modelVersion());
  }

  /** The readiness checks, with their Cassandra session opened on first use and closed with the node. */
  private synchronized Readiness readiness() {
    if (readiness == null) {
      readiness = Readiness.of(system);
    }
    return readiness;
  }

  /** The node's one meter registry, rendered by {@code GET /metrics}. */
  public NodeMetrics metrics() {
    return NodeMetrics.get(system);
  }

  /** The HTTP API, when {@code liqheat.http.enabled}. */
  public Optional<HttpApi> http() {
    return Optional.ofNullable(http);
  }

  public Connectors connectors() {
    return connectors;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public Calibration calibration() {
    return calibration;
  }

  public MarketSettings settings() {
    return settings;
  }

  /** Leaves the cluster by coordinated shutdown: shards hand over and the journal is flushed. */
  @Override
  public void close() {
    if (http != null) {
      http.stop();
    }
    if (readiness != null) {
      readiness.close();
    }
    try {
      connectors.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The connectors only read; the shutdown below stops whatever is left of them.
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the actor system did not terminate within 60 s", e);
    }
  }
}
