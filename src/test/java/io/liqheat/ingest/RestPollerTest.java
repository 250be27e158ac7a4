package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The poller against a real local HTTP server: every period makes each call once, in the order
 * given, and a failing call is recorded and skipped without stopping the others. (How the calls
 * are spaced within a period is a matter of time, which the SSE load test measures, not this.)
 */
class RestPollerTest {

  private static final ActorTestKit testKit = ActorTestKit.create("RestPollerTest");
  private static ServerBinding server;

  /** Answers {@code /fail} with 500 and any other path with the path as the body. */
  @BeforeAll
  static void startServer() throws Exception {
    server = Http.get(testKit.system()).newServerAt("127.0.0.1", 0)
        .bindSync(request -> request.getUri().path().equals("/fail")
            ? HttpResponse.create().withStatus(StatusCodes.INTERNAL_SERVER_ERROR).withEntity("down")
            : HttpResponse.create().withEntity(request.getUri().path()))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.localAddress().getPort() + path;
  }

  /** A parser that only names the call it belongs to. */
  private record Named(String name) implements MessageParser {
    @Override
    public void parse(String message, ParseSink sink) {}
  }

  @Test
  void everyPeriodMakesEachCallOnceInOrderAndSkipsAFailingOne() throws Exception {
    ConnectorMonitor monitor = new ConnectorMonitor("test", "rest", Duration.ofSeconds(10), Clock.systemUTC());
    RestClient client = new RestClient(testKit.system(), monitor, Duration.ofSeconds(10), Clock.systemUTC());
    List<RestCall> calls = List.of(new RestCall(url("/a"), new Named("a")), new RestCall(url("/fail"), new Named("fail")),
        new RestCall(url("/b"), new Named("b")), new RestCall(url("/c"), new Named("c")));

    List<IngestMessage> answered = RestPoller.poll(Duration.ofMillis(400), client, () -> calls)
        .take(6)
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(answered).extracting(message -> ((Named) message.parser()).name())
        .containsExactly("a", "b", "c", "a", "b", "c");
    assertThat(monitor.status().lastError()).contains("/fail").contains("500");
  }

  @Test
  void aPeriodWithoutCallsMakesNone() throws Exception {
    ConnectorMonitor monitor = new ConnectorMonitor("test", "rest", Duration.ofSeconds(10), Clock.systemUTC());
    RestClient client = new RestClient(testKit.system(), monitor, Duration.ofSeconds(10), Clock.systemUTC());
    int[] periods = {0};
    List<IngestMessage> answered = RestPoller.poll(Duration.ofMillis(100), client, () -> {
          // The calls are asked for anew each period: none for the first three, then one.
          return periods[0]++ < 3 ? List.<RestCall>of() : List.of(new RestCall(url("/late"), new Named("late")));
        })
        .take(1)
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(answered).extracting(message -> ((Named) message.parser()).name()).containsExactly("late");
    assertThat(periods[0]).isGreaterThanOrEqualTo(4);
  }
}
