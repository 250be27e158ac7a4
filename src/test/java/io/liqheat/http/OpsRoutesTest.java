package io.liqheat.http;

import static io.liqheat.ingest.ConnectorRig.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.binance.BinanceConnector;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSharding;
import io.liqheat.metrics.ConnectorMetrics;
import io.liqheat.metrics.NodeMetrics;
import io.liqheat.sim.SimMarketSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics over real sockets: a node's parts on one actor system (sharded entities on the
 * in-memory journal, the Binance connector reading the simulator, the HTTP API on a free port), and
 * a Cassandra contact point where nothing listens, so that readiness must fail on Cassandra.
 */
class OpsRoutesTest {

  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final MarketId MARKET = MarketId.parse("binance:BTCUSDT");

  private static ConnectorRig rig;
  private static BinanceConnector connector;
  private static Readiness readiness;
  private static HttpApi api;
  private static OpsEndpoints ops;

  @BeforeAll
  static void start() {
    rig = ConnectorRig.start(List.of(SimMarketSpec.typical(MARKET, 64_000, 1)), Duration.ofHours(2));
    connector = BinanceConnector.start(rig.system, rig.settings(Exchange.BINANCE, "", ""), List.of(MARKET), rig.sink,
        Clock.systemUTC());
    NodeMetrics metrics = NodeMetrics.get(rig.system);
    ConnectorMetrics.bind(metrics, connector::status);
    Config unreachableCassandra = ConfigFactory.parseString(
            "datastax-java-driver.basic.contact-points = [\"127.0.0.1:" + OpsEndpoints.closedPort() + "\"]\n"
                + "datastax-java-driver.basic.load-balancing-policy.local-datacenter = datacenter1\n"
                + "liqheat.http.port = 0\n")
        .withFallback(rig.system.settings().config());
    readiness = new Readiness(rig.system, unreachableCassandra, Duration.ofSeconds(2));
    api = HttpApi.start(rig.system, HttpSettings.fromConfig(unreachableCassandra), List.of(MARKET),
        market -> MarketSharding.entity(rig.system, market).ask(MarketCommand.GetStatus::new, Duration.ofSeconds(5)),
        connector::status, TestRoutes.withoutReadSide(List.of(MARKET)), new OpsRoutes(metrics, readiness, () -> ClusterViews.read(rig.system)));
    ops = new OpsEndpoints(api);
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.stop();
    }
    if (readiness != null) {
      readiness.close();
    }
    if (connector != null) {
      connector.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    rig.close();
  }

  @Test
  void liveAnswersWhileTheActorSystemRuns() {
    HttpResponse<String> live = ops.get("/health/live");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(ApiJsonTestReader.field(live.body(), "status")).isEqualTo("live");
  }

  @Test
  void notReadyWhenCassandraDoesNotAnswerAndTheMessageSaysSo() {
    // Whether or not the cluster has made this node Up yet, Cassandra is down: never ready.
    HttpResponse<String> ready = ops.get("/health/ready");

    OpsEndpoints.assertJsonError(ready, 503, "unavailable");
    assertThat(ApiJsonTestReader.field(ready.body(), "message")).contains("Cassandra").contains("did not answer");
  }

  @Test
  void metricsArePrometheusTextWithEveryFamilyAfterActivity() throws Exception {
    ops.get("/health/ready");
    CompletableFuture<Void> bandsSent = new CompletableFuture<>();
    HttpRequest sse = HttpRequest.newBuilder(URI.create(ops.url("/api/v1/markets/" + MARKET + "/bands/stream"))).GET().build();
    CompletableFuture<HttpResponse<Stream<String>>> stream = ops.client().sendAsync(sse, HttpResponse.BodyHandlers.ofLines());
    try {
      stream.thenAccept(response -> response.body()
          .filter(line -> line.replace(" ", "").equals("event:bands"))
          .findFirst()
          .ifPresent(line -> bandsSent.complete(null)));
      bandsSent.get(WITHIN.toSeconds(), TimeUnit.SECONDS);

      String exposition = eventually(WITHIN, () -> ops.get("/metrics").body(), text ->
          positive(text, "liqheat_ingest_inputs_total", market())
              && positive(text, "liqheat_ingest_trades_total", market())
              && positive(text, "liqheat_sse_publish_to_send_seconds_count")
              && positive(text, "liqheat_sse_clients")
              && positive(text, "liqheat_cassandra_errors_total", "operation=\"readiness\"")
              && positive(text, "liqheat_connector_state", "state=\"connected\""));

      HttpResponse<String> metrics = ops.get("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(OpsEndpoints.sample(exposition, "liqheat_ingest_invalid_total", market())).isPresent();
      assertThat(OpsEndpoints.sample(exposition, "liqheat_ingest_late_total", market())).isPresent();
      assertThat(OpsEndpoints.sample(exposition, "liqheat_connector_reconnects_total", "exchange=\"binance\"")).isPresent();
      assertThat(OpsEndpoints.sample(exposition, "liqheat_connector_state", "state=\"stale\"")).hasValue(0.0);
      assertThat(OpsEndpoints.sample(exposition, "liqheat_freeze_lag_seconds", market())).isPresent();
      assertThat(OpsEndpoints.sample(exposition, "liqheat_sse_publish_to_send_seconds_bucket", "le=\"+Inf\"")).isPresent();
      assertThat(exposition).contains("# TYPE liqheat_sse_publish_to_send_seconds histogram");
      assertThat(OpsEndpoints.sample(exposition, "jvm_memory_used_bytes", "area=\"heap\"")).isPresent();
      assertThat(OpsEndpoints.sample(exposition, "process_cpu_usage")).isPresent();
    } finally {
      stream.thenAccept(response -> response.body().close());
    }
    eventually(WITHIN, () -> OpsEndpoints.sample(ops.get("/metrics").body(), "liqheat_sse_clients").orElse(-1),
        clients -> clients == 0.0);
  }

  @Test
  void clusterShowsThisNodeAndTheMarketsRunningHere() {
    rig.status(MARKET);

    String view = eventually(WITHIN, () -> ops.get("/cluster").body(), body -> body.contains("\"Up\""));

    String self = ApiJsonTestReader.field(view, "self");
    assertThat(self).startsWith("pekko://connector-test@127.0.0.1:");
    assertThat(view).contains("{\"address\":\"" + self + "\",\"status\":\"Up\"}");
    assertThat(view).contains("\"markets\":[\"" + MARKET + "\"]");
    // This rig starts its connector by hand, not through sharding: no connector entity runs here.
    assertThat(view).contains("\"connectors\":[]");
    assertThat(view).contains("\"unreachable\":[]");
  }

  private static String market() {
    return "market=\"" + MARKET + "\"";
  }

  private static boolean positive(String exposition, String family, String... labels) {
    return OpsEndpoints.sample(exposition, family, labels).orElse(0) > 0;
  }
}
