package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.ingest.ConnectorMonitor;
import io.liqheat.ingest.ConnectorState;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.market.MarketCounters;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketState;
import io.liqheat.market.MarketStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/markets} over a real socket, with the connectors' monitors and the entities'
 * statuses given by the test: which connection's state each market shows, and that the entity's
 * counters and times reach the JSON.
 */
class MarketListTest {

  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final MarketId ETH = MarketId.parse("binance:ETHUSDT");
  private static final MarketId SOL = MarketId.parse("binance:SOLUSDT");
  private static final MarketId XRP = MarketId.parse("binance:XRPUSDT");
  private static final MarketId BYBIT_BTC = MarketId.parse("bybit:BTCUSDT");
  private static final List<MarketId> MARKETS = List.of(BTC, ETH, SOL, XRP, BYBIT_BTC);
  private static final long NOW = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();

  private static final Config CONFIG = ConfigFactory.parseString("pekko.actor.provider = local\nliqheat.http.port = 0")
      .withFallback(ConfigFactory.load());
  private static ActorTestKit testKit;
  private static ServerBinding binding;
  /** What the connectors and the entities answer, set by each test before it asks. */
  private static volatile List<ConnectorStatus> connectors = List.of();
  private static volatile Map<MarketId, CompletionStage<MarketStatus>> statuses = Map.of();

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void serve() throws Exception {
    testKit = ActorTestKit.create("MarketListTest", CONFIG);
    HttpSettings settings = HttpSettings.fromConfig(CONFIG);
    LiveHub hub = new LiveHub(testKit.system(), MARKETS);
    LiveRoutes live = new LiveRoutes(hub, settings, Heartbeats.start(testKit.system(), settings.sseHeartbeat()),
        market -> statuses.getOrDefault(market, CompletableFuture.failedFuture(new IllegalStateException("no answer"))),
        () -> connectors);
    ApiRoutes routes = new ApiRoutes(live, TestRoutes.withoutReadSide(MARKETS), TestRoutes.ops(testKit.system()),
        new PageRoutes(), settings);
    binding = ApiServer.bind(testKit.system(), settings, routes.route()).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    binding.unbind();
    testKit.shutdownTestKit();
  }

  private static ConnectorMonitor monitor(String exchange, String connection, List<MarketId> carried, ConnectorState state,
      long lastMessageMs) {
    ConnectorMonitor monitor = new ConnectorMonitor(exchange, connection, Duration.ofMinutes(1),
        Clock.fixed(Instant.ofEpochMilli(lastMessageMs), ZoneOffset.UTC));
    monitor.carries(carried);
    monitor.state(state);
    if (lastMessageMs > 0) {
      monitor.messageReceived();
    }
    return monitor;
  }

  private Map<String, JsonNode> marketList(List<ConnectorStatus> running,
      Map<MarketId, CompletionStage<MarketStatus>> answers) throws Exception {
    connectors = running;
    statuses = answers;
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/api/v1/markets")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, JsonNode> byId = new HashMap<>();
    json.readTree(response.body()).forEach(entry -> byId.put(entry.get("id").asText(), entry));
    assertThat(byId).containsOnlyKeys(MARKETS.stream().map(MarketId::toString).toList());
    return byId;
  }

  @Test
  void eachMarketShowsTheStateOfTheConnectionThatStreamsIt() throws Exception {
    List<ConnectorStatus> connectors = List.of(
        monitor("binance", "binance-rest", List.of(), ConnectorState.CONNECTED, NOW).status(),
        monitor("binance", "binance-ws-1", List.of(BTC, ETH), ConnectorState.CONNECTED, NOW - 1_000).status(),
        monitor("binance", "binance-ws-2", List.of(SOL), ConnectorState.RECONNECTING, NOW - 60_000).status(),
        monitor("binance", "binance-ws-3", List.of(), ConnectorState.BACKFILLING, 0).status(),
        monitor("bybit", "bybit-ws", List.of(BYBIT_BTC), ConnectorState.STALE, NOW - 30_000).status());

    Map<String, JsonNode> markets = marketList(connectors, Map.of());

    assertThat(markets.get("binance:BTCUSDT").get("connector").asText()).isEqualTo("connected");
    assertThat(markets.get("binance:BTCUSDT").get("lastMessageTime").asLong()).isEqualTo(NOW - 1_000);
    assertThat(markets.get("binance:ETHUSDT").get("connector").asText()).isEqualTo("connected");
    assertThat(markets.get("binance:SOLUSDT").get("connector").asText()).isEqualTo("reconnecting");
    assertThat(markets.get("binance:SOLUSDT").get("lastMessageTime").asLong()).isEqualTo(NOW - 60_000);
    assertThat(markets.get("bybit:BTCUSDT").get("connector").asText()).isEqualTo("stale");
    // No connection streams XRP (skipped, or its connection is not known yet): neither the REST
    // connection's state nor another stream's is passed off as its own.
    assertThat(markets.get("binance:XRPUSDT").get("connector").asText()).isEqualTo("unknown");
    assertThat(markets.get("binance:XRPUSDT").get("lastMessageTime").isNull()).isTrue();
  }

  @Test
  void theEntitysCountersAndTimesReachTheJson() throws Exception {
    long lastInput = NOW - 2_000;
    long lastFrozen = NOW - 600_000;
    MarketStatus btc = new MarketStatus(BTC, "v1", lastFrozen, 12, "c12", "live", lastInput,
        new MarketCounters(1_000, 7, 3, 900, 1_000, lastInput));
    MarketStatus eth = new MarketStatus(ETH, "v1", 0, 0, "", "live", MarketState.NONE,
        new MarketCounters(0, 0, 0, 0, 0, MarketState.NONE));

    Map<String, JsonNode> markets = marketList(List.of(), Map.of(
        BTC, CompletableFuture.completedFuture(btc), ETH, CompletableFuture.completedFuture(eth)));

    JsonNode entry = markets.get("binance:BTCUSDT");
    assertThat(entry.get("exchange").asText()).isEqualTo("binance");
    assertThat(entry.get("symbol").asText()).isEqualTo("BTCUSDT");
    assertThat(entry.get("baseAsset").asText()).isEqualTo("BTC");
    assertThat(entry.get("connector").asText()).isEqualTo("unknown");
    assertThat(entry.get("lastInputTime").asLong()).isEqualTo(lastInput);
    assertThat(entry.get("lastFrozenWindow").asLong()).isEqualTo(lastFrozen);
    assertThat(entry.get("framesFrozen").asLong()).isEqualTo(12);
    assertThat(entry.get("counters").get("trades").asLong()).isEqualTo(900);
    assertThat(entry.get("counters").get("invalid").asLong()).isEqualTo(3);
    assertThat(entry.get("counters").get("late").asLong()).isEqualTo(7);
    assertThat(entry.get("counters").get("accepted").asLong()).isEqualTo(1_000);
    // Nothing yet: no times rather than made-up ones.
    JsonNode fresh = markets.get("binance:ETHUSDT");
    assertThat(fresh.get("lastInputTime").isNull()).isTrue();
    assertThat(fresh.get("lastFrozenWindow").isNull()).isTrue();
    assertThat(fresh.get("counters").get("trades").asLong()).isZero();
    // An entity that does not answer: the market is still listed, with nothing made up.
    JsonNode silent = markets.get("binance:SOLUSDT");
    assertThat(silent.get("lastInputTime").isNull()).isTrue();
    assertThat(silent.get("counters").get("late").asLong()).isZero();
  }
}
