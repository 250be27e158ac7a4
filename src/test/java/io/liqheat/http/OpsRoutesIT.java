package io.liqheat.http;

import static io.liqheat.ingest.ConnectorRig.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.cli.LiqheatNode;
import io.liqheat.metrics.NodeMetrics;
import io.liqheat.testing.TestCassandra;
import io.liqheat.testing.TestNodeConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * A whole node on the real Cassandra: ready once Cassandra answers and the node is Up, and scraped; and
 * not ready while it is not Up although Cassandra answers.
 */
class OpsRoutesIT {

  private static final Duration WITHIN = Duration.ofSeconds(90);

  @Test
  void readyWhenCassandraAnswersAndTheNodeIsUp() {
    RunningCassandra cassandra = TestCassandra.shared();
    try (LiqheatNode node = LiqheatNode.start(TestNodeConfig.forCassandraPort(cassandra.cqlPort(),
        "liqheat.http.enabled = on\nliqheat.http.port = 0\n"))) {
      OpsEndpoints ops = new OpsEndpoints(node.http().orElseThrow());

      HttpResponse<String> ready = eventually(WITHIN, () -> ops.get("/health/ready"), response -> response.statusCode() == 200);

      assertThat(ApiJsonTestReader.field(ready.body(), "status")).isEqualTo("ready");
      assertThat(ops.get("/health/live").statusCode()).isEqualTo(200);
      String metrics = ops.get("/metrics").body();
      assertThat(OpsEndpoints.sample(metrics, "liqheat_sse_clients")).hasValue(0.0);
      assertThat(OpsEndpoints.sample(metrics, "liqheat_sse_publish_to_send_seconds_count")).isPresent();
    }
  }

  @Test
  void notReadyWhenCassandraAnswersButThisNodeIsNotUp() {
    RunningCassandra cassandra = TestCassandra.shared();
    Config config = TestNodeConfig.forCassandraPort(cassandra.cqlPort(), "liqheat.http.port = 0\n");
    // A node that never joins a cluster, as one whose seed nodes do not answer: it is not Up.
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "not-joined", config);
    HttpApi api = null;
    try (Readiness readiness = Readiness.of(system)) {
      OpsRoutes opsRoutes = new OpsRoutes(NodeMetrics.get(system), readiness, () -> ClusterViews.read(system));
      api = HttpApi.start(system, HttpSettings.fromConfig(config), List.of(),
          market -> CompletableFuture.failedFuture(new IllegalStateException("no markets here")), List::of,
          TestRoutes.withoutReadSide(List.of()), opsRoutes);
      OpsEndpoints ops = new OpsEndpoints(api);

      // Cassandra's session opens on the first check, which may take longer than its timeout.
      HttpResponse<String> ready = eventually(WITHIN, () -> ops.get("/health/ready"),
          response -> !response.body().contains("Cassandra"));

      OpsEndpoints.assertJsonError(ready, 503, "unavailable");
      assertThat(ApiJsonTestReader.field(ready.body(), "message")).contains("not Up");
    } finally {
      if (api != null) {
        api.stop();
      }
      system.terminate();
    }
  }
}
