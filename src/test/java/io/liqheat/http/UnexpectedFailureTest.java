package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A route that fails in a way nobody planned for answers over a real socket with a JSON 500
 * {@code {error, message}} that tells nothing of the failure: no exception class, message or stack trace.
 */
class UnexpectedFailureTest {

  private static final String SECRET = "cassandra password=hunter2 at io.liqheat.Internal.call(Internal.java:42)";

  private static ActorSystem<Void> system;
  private static String base;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void bind() throws Exception {
    // Local provider: the error handling needs no cluster, and no Artery port to clash with other JVMs.
    system = ActorSystem.create(Behaviors.empty(), "unexpected-failure-test",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0)
        .bind(new ApiErrors().handled(FailingRoutes::route))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void anExceptionThrownOrAFailedFutureInARouteIsAJson500WithoutItsDetails() throws Exception {
    for (String path : List.of("/throws", "/fails")) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(path).isEqualTo(500);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(ApiJsonTestReader.field(response.body(), "error")).isEqualTo("internal");
      assertThat(ApiJsonTestReader.field(response.body(), "message")).isNotBlank();
      assertThat(response.body()).as(path)
          .doesNotContain("hunter2")
          .doesNotContain("Exception")
          .doesNotContain("io.liqheat")
          .doesNotContain("java.")
          .doesNotContain(".java:");
    }
  }

  /** One route that throws while answering, one whose answer is a failed future. */
  private static final class FailingRoutes extends AllDirectives {

    static Route route() {
      FailingRoutes routes = new FailingRoutes();
      return routes.concat(
          routes.path("throws", () -> routes.extractRequest(request -> {
            throw new IllegalStateException(SECRET);
          })),
          routes.path("fails", () -> routes.onSuccess(
              CompletableFuture.<String>failedFuture(new UnsupportedOperationException(SECRET)),
              value -> routes.complete(StatusCodes.OK, value))));
    }
  }
}
