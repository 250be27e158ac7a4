package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.bybit.BybitConnector;
import io.liqheat.market.Exchange;
import io.liqheat.market.LiveUpdate;
import io.liqheat.market.MarketEntity;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimMarketSpec;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live SSE stream end to end: simulator → Bybit connector → entities → topic → hub → SSE on a
 * real socket. Windows of the simulator's two hours of history are frozen by the backfill, so frozen
 * notices exist before any client connects.
 */
class LiveStreamTest {

  private static final MarketId BTC = MarketId.parse("bybit:BTCUSDT");
  private static ConnectorRig rig;
  private static BybitConnector connector;
  private static HttpApi api;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    rig = ConnectorRig.start(List.of(SimMarketSpec.typical(BTC, 60_000, 1)), Duration.ofHours(2));
    HttpSettings settings = HttpSettings.fromConfig(ConfigFactory.parseString(
        "liqheat.http.port = 0\nliqheat.http.sse.heartbeat = 1s").withFallback(ConfigFactory.defaultReference()));
    api = HttpApi.start(rig.system, settings, List.of(BTC), market -> java.util.concurrent.CompletableFuture.supplyAsync(() -> rig.status(market)), List::of,
        TestRoutes.withoutReadSide(List.of(BTC)), TestRoutes.ops(rig.system));
    // Start the entity first and wait until its pub-sub topic has learnt of the hub's subscription:
    // the backfill freezes two hours of windows in the entity's first moments, and notices
    // published before the topic has the subscriber list reach no one (the page then has them
    // from the history endpoint), so the hub would see no frozen window until the next one.
    rig.status(BTC);
    awaitHubSubscription(BTC);
    connector = BybitConnector.start(rig.system, rig.settings(Exchange.BYBIT, "/v5/public/linear", ""), List.of(BTC),
        rig.sink, Clock.systemUTC());
    ConnectorRig.eventually(Duration.ofSeconds(60), () -> api.hub().state(BTC).lastFrozenWindowStart(), start -> start > 0);
  }

  /**
   * Waits until a probe topic of the market's name lists the hub's topic beside itself. Topics learn
   * of each other from the receptionist, which tells every topic of the name (the entity's, started
   * before, among them) in the same update, or at once when it subscribes later: a fixed sleep is not
   * enough on a loaded machine.
   */
  private static void awaitHubSubscription(MarketId market) {
    ActorRef<Topic.Command<LiveUpdate>> probe = rig.system.systemActorOf(
        Topic.create(LiveUpdate.class, MarketEntity.topicName(market)), "probe-topic", Props.empty());
    probe.tell(Topic.subscribe(rig.system.systemActorOf(Behaviors.<LiveUpdate>ignore(), "probe-subscriber", Props.empty())));
    ConnectorRig.eventually(Duration.ofSeconds(60), () -> AskPattern.<Topic.Command<LiveUpdate>, Topic.TopicStats>ask(
            probe, Topic::getTopicStats, Duration.ofSeconds(10), rig.system.scheduler())
        .toCompletableFuture().join().topicInstanceCount(), topics -> topics >= 2);
  }

  @AfterAll
  static void stop() {
    if (connector != null) {
      connector.stop();
    }
    if (api != null) {
      api.stop();
    }
    if (rig != null) {
      rig.close();
    }
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.address().getPort() + path);
  }

  /** Reads SSE events until {@code count} non-heartbeat events arrived; returns {type, id, data} triples. */
  private static List<String[]> events(HttpRequest request, int count) throws Exception {
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<String[]> events = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String type = null;
      String id = null;
      StringBuilder data = new StringBuilder();
      String line;
      while (events.size() < count && (line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (type != null) {
            events.add(new String[] {type, id, data.toString()});
          }
          type = null;
          id = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          type = line.substring(6).trim();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        }
      }
    }
    return events;
  }

  @Test
  void aStreamStartsWithASnapshotThenBandsEventsWithTheLimitsNote() throws Exception {
    List<String[]> events = events(HttpRequest.newBuilder(uri("/api/v1/markets/bybit:BTCUSDT/bands/stream?maxBands=3")).build(), 3);
    assertThat(events.get(0)[0]).isEqualTo("snapshot");
    assertThat(events.subList(1, 3)).allSatisfy(event -> assertThat(event[0]).isIn("bands", "frozen"));
    JsonNode snapshot = ApiJson.MAPPER.readTree(events.get(0)[2]);
    assertThat(snapshot.get("subject").asText()).isEqualTo("bybit:BTCUSDT");
    assertThat(snapshot.get("limits").asText()).contains("not a trading signal").contains("cross-margin");
    assertThat(snapshot.get("bands").size()).isBetween(1, 6);
    assertThat(Long.parseLong(events.get(0)[1])).isEqualTo(snapshot.get("lastFrozenWindowStart").asLong());
  }

  @Test
  void aClientResumingWithLastEventIdGetsTheFrozenWindowsSinceThenInOrderThenASnapshot() throws Exception {
    long last = api.hub().state(BTC).lastFrozenWindowStart();
    long resumeFrom = last - 3 * 300_000L;
    List<String[]> events = events(HttpRequest.newBuilder(uri("/api/v1/markets/bybit:BTCUSDT/bands/stream"))
        .header("Last-Event-ID", Long.toString(resumeFrom)).build(), 4);
    assertThat(events).extracting(event -> event[0]).startsWith("frozen", "frozen", "frozen");
    assertThat(events.subList(0, 3)).extracting(event -> Long.parseLong(event[1]))
        .containsExactly(resumeFrom + 300_000L, resumeFrom + 600_000L, resumeFrom + 900_000L);
    JsonNode frozen = ApiJson.MAPPER.readTree(events.get(0)[2]);
    assertThat(frozen.get("market").asText()).isEqualTo("bybit:BTCUSDT");
    assertThat(frozen.get("checksum").asText()).hasSize(64);
    assertThat(events.get(3)[0]).isIn("snapshot", "frozen");
  }

  @Test
  void theAssetViewSumsTheChosenExchangesAndRefusesAnUnknownOne() throws Exception {
    HttpResponse<String> asset = http.send(HttpRequest.newBuilder(uri("/api/v1/assets/btc/bands?exchanges=bybit")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(ApiJson.MAPPER.readTree(asset.body()).get("markets").get(0).asText()).isEqualTo("bybit:BTCUSDT");
    HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(uri("/api/v1/assets/btc/bands?exchanges=bybit,kraken")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(ApiJson.MAPPER.readTree(unknown.body()).get("message").asText()).contains("kraken");
    HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri("/api/v1/assets/btc/bands?exchanges=okx")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(404);
  }

  @Test
  void withEnoughFrozenHistoryBandsCarryTheExpectedMoveAndTheNearestClusterOfEachSide() throws Exception {
    // The backfill froze two hours of windows: far more than the returns an expected move needs.
    ConnectorRig.eventually(Duration.ofSeconds(60), () -> api.hub().state(BTC).recentCloses().size(),
        closes -> closes > ExpectedMove.MIN_RETURNS);
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/v1/markets/bybit:BTCUSDT/bands")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode view = ApiJson.MAPPER.readTree(answer.body());

    JsonNode move = view.get("expectedMove");
    assertThat(move.get("horizonMinutes").asLong()).isEqualTo(240);
    assertThat(move.get("returns").asInt()).isGreaterThanOrEqualTo(ExpectedMove.MIN_RETURNS);
    double sigmaPct = move.get("sigmaPct").asDouble();
    assertThat(sigmaPct).isPositive();
    double price = view.get("price").asDouble();
    for (String side : List.of("long", "short")) {
      JsonNode nearest = view.get("nearest").get(side);
      assertThat(nearest.isObject()).as("nearest.%s in %s", side, answer.body()).isTrue();
      assertThat(nearest.get("side").asText()).isEqualTo(side);
      double distancePct = nearest.get("distancePct").asDouble();
      assertThat(distancePct).isBetween(0.0, sigmaPct);
      assertThat(nearest.get("distanceSigma").asDouble()).isCloseTo(distancePct / sigmaPct, within(1e-9));
      // It is the strongest band of its side among those the answer lists within the move.
      double strongest = 0;
      for (JsonNode band : view.get("bands")) {
        double edge = side.equals("long") ? band.get("high").asDouble() : band.get("low").asDouble();
        double distance = Math.max(0, 100 * (side.equals("long") ? price - edge : edge - price) / price);
        if (band.get("side").asText().equals(side) && distance <= sigmaPct) {
          strongest = Math.max(strongest, band.get("notionalUsd").asDouble());
        }
      }
      assertThat(nearest.get("notionalUsd").asDouble()).isEqualTo(strongest);
    }
  }
}
