package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page and its assets over a real socket: served from the jar, self-contained, nothing else reachable. */
class PageRoutesTest {

  private static ActorSystem<Void> system;
  private static String base;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void bind() throws Exception {
    // Local provider: serving files needs no cluster, and no Artery port to clash with other JVMs.
    system = ActorSystem.create(Behaviors.empty(), "page-routes-test",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0)
        .bind(new ApiErrors().handled(() -> new PageRoutes().route()))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRootIsTheChartPageWithTheDisclaimer() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("<canvas id=\"chart\"")
        .contains("src=\"app.js\"")
        .contains("href=\"style.css\"")
        .contains("Research view, not a trading signal. Cross-margin positions cannot be seen.");
  }

  @Test
  void scriptAndStylesheetComeWithTheirContentTypes() throws Exception {
    HttpResponse<String> script = get("/app.js");
    HttpResponse<String> style = get("/style.css");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(script.body()).contains("window.liqheat");
    assertThat(style.statusCode()).isEqualTo(200);
    assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
  }

  @Test
  void nothingOfThePageLoadsFromAnotherHost() throws Exception {
    for (String path : new String[] {"/", "/app.js", "/style.css"}) {
      String body = get(path).body();
      assertThat(body).as(path).doesNotContain("http://").doesNotContain("https://").doesNotContain("src=\"//")
          .doesNotContain("href=\"//");
    }
  }

  @Test
  void otherResourcesOfTheJarAreNotServed() throws Exception {
    for (String path : new String[] {"/application.conf", "/reference.conf", "/web/index.html", "/index.html", "/logback.xml"}) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).contains("\"error\"");
    }
  }

  @Test
  void thePageIsRevalidatedSoANewReleaseShowsAtOnce() throws Exception {
    assertThat(get("/").headers().firstValue("Cache-Control")).hasValue("no-cache");
  }
}
