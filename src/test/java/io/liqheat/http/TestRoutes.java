package io.liqheat.http;

import com.typesafe.config.ConfigFactory;
import io.liqheat.market.MarketId;
import io.liqheat.metrics.NodeMetrics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;

/** The route sets a test does not exercise, built the way the node builds them. */
final class TestRoutes {

  private TestRoutes() {}

  /** History routes without a read side: every history request answers 503. */
  static HistoryRoutes withoutReadSide(List<MarketId> markets) {
    return new HistoryRoutes(() -> CompletableFuture.failedFuture(new IllegalStateException("no read side in this test")),
        markets, "v1", HistorySettings.fromConfig(ConfigFactory.defaultReference()), Clock.systemUTC());
  }

  /** Health and metrics as the node has them, with readiness from the system's configuration. */
  static OpsRoutes ops(ActorSystem<?> system) {
    return new OpsRoutes(NodeMetrics.get(system), Readiness.of(system), () -> ClusterViews.read(system));
  }
}
