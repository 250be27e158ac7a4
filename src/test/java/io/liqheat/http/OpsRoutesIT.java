package io.liqheat.http;

import static io.liqheat.ingest.ConnectorRig.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.cli.LiqheatNode;
import io.liqheat.testing.TestCassandra;
import io.liqheat.testing.TestNodeConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A whole node on the real Cassandra: ready once Cassandra answers and the node is Up, and scraped. */
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
}
