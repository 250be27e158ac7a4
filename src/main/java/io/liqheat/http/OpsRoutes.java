package io.liqheat.http;

import io.liqheat.metrics.NodeMetrics;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Operations endpoints: {@code /health/live} (the actor system answers HTTP), {@code /health/ready}
 * (see {@link Readiness}; 503 JSON {@code {error: "unavailable", message}} naming the failed check)
 * {@code /metrics} (the node's {@link NodeMetrics} in Prometheus text format) and {@code /cluster}
 * ({@link ClusterView}).
 */
public final class OpsRoutes extends AllDirectives {

  /** Prometheus reads plain text without a version parameter as its text format 0.0.4. */
  private static final ContentType.NonBinary PROMETHEUS_TEXT = MediaTypes.TEXT_PLAIN.toContentType(HttpCharsets.UTF_8);

  private final NodeMetrics metrics;
  private final Readiness readiness;
  private final Supplier<CompletionStage<ClusterView>> cluster;

  public OpsRoutes(NodeMetrics metrics, Readiness readiness, Supplier<CompletionStage<ClusterView>> cluster) {
    this.metrics = metrics;
    this.readiness = readiness;
    this.cluster = cluster;
  }

  public Route route() {
    return get(() -> concat(
        pathPrefix("health", () -> concat(
            path("live", () -> complete(StatusCodes.OK, new HealthStatus("live"), ApiMarshal.json())),
            path("ready", () -> onSuccess(readiness.notReadyBecause(), problem -> problem
                .map(why -> complete(ApiJson.response(StatusCodes.SERVICE_UNAVAILABLE, new ApiError("unavailable", why))))
                .orElseGet(() -> complete(StatusCodes.OK, new HealthStatus("ready"), ApiMarshal.json())))))),
        path("cluster", () -> onSuccess(cluster.get(), view -> complete(StatusCodes.OK, view, ApiMarshal.json()))),
        path("metrics", () -> complete(
            HttpResponse.create().withEntity(HttpEntities.create(PROMETHEUS_TEXT, metrics.scrape()))))));
  }
}
