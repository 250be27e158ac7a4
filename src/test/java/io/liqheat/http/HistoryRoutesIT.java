package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.history.FramesRepository;
import io.liqheat.history.FrozenFrameRow;
import io.liqheat.history.ReadSideRows;
import io.liqheat.market.MarketId;
import io.liqheat.market.Windows;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import io.liqheat.model.Side;
import io.liqheat.testing.TestCassandra;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The history endpoints over a real socket, reading rows that the projection's own writer put into
 * the real Cassandra: frames, the heatmap and its down-sampling, caching (ETag, immutable or not,
 * 304) and every refused request.
 */
class HistoryRoutesIT {

  private static final String VERSION = "http-history-it";
  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  /** Configured, but the read side holds nothing of it. */
  private static final MarketId ETH = MarketId.parse("bybit:ETHUSDT");
  private static final long FIRST = Instant.parse("2026-11-20T23:00:00Z").toEpochMilli();
  /** 23:00 .. 00:05: fourteen windows across midnight UTC, so two day partitions. */
  private static final int COUNT = 14;
  private static final long END = FIRST + COUNT * Windows.WINDOW_MS;
  private static final Duration MAX_SPAN = Duration.ofDays(2);
  private static final int MAX_CELLS = 100_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static List<FrozenFrameRow> rows;
  private static CqlSession session;
  private static ActorTestKit testKit;
  private static HttpApi api;
  private static final AtomicReference<CompletionStage<FramesRepository>> repository = new AtomicReference<>();

  @BeforeAll
  static void writeRowsAndStartTheApi() {
    RunningCassandra cassandra = TestCassandra.shared();
    session = cassandra.openSession();
    rows = ReadSideRows.chain(BTC, VERSION, FIRST, COUNT, 97_000);
    ReadSideRows.write(session, rows);
    repository.set(CompletableFuture.completedFuture(new FramesRepository(session)));

    Config config = ConfigFactory.parseString("pekko.actor.provider = local\nliqheat.http.port = 0\n")
        .withFallback(ConfigFactory.load());
    testKit = ActorTestKit.create("HistoryRoutesIT", config);
    // "now" is right after the newest window, so a request without "to" reaches the live window.
    Clock clock = Clock.fixed(Instant.ofEpochMilli(END + 60_000), ZoneOffset.UTC);
    HistoryRoutes history = new HistoryRoutes(repository::get, List.of(BTC, ETH), VERSION,
        new HistorySettings(MAX_SPAN, MAX_CELLS), clock);
    api = HttpApi.start(testKit.system(), HttpSettings.fromConfig(config), List.of(BTC, ETH),
        market -> CompletableFuture.failedFuture(new IllegalStateException("no entities in this test")), List::of,
        history, TestRoutes.ops(testKit.system()));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.stop();
    }
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
    if (session != null) {
      session.close();
    }
  }

  // ---- frames ----

  @Test
  void framesReturnsEveryFrozenWindowOfTheRangeWithItsFields() throws Exception {
    HttpResponse<String> response = get("/api/v1/markets/binance:BTCUSDT/frames?from=" + iso(FIRST) + "&to=" + iso(END));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).doesNotContain("NaN");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("market").asText()).isEqualTo(BTC.toString());
    assertThat(body.get("modelVersion").asText()).as("the running calibration's by default").isEqualTo(VERSION);
    assertThat(body.get("from").asLong()).isEqualTo(FIRST);
    assertThat(body.get("to").asLong()).isEqualTo(END);
    assertThat(body.get("immutable").asBoolean()).isTrue();
    assertThat(body.get("newestFrozenWindow").asLong()).isEqualTo(rows.get(COUNT - 1).windowStartMs());
    assertThat(body.get("limits").asText()).contains("not a trading signal");
    JsonNode frames = body.get("frames");
    assertThat(frames).hasSize(COUNT);
    for (int i = 0; i < COUNT; i++) {
      JsonNode frame = frames.get(i);
      FrozenFrameRow row = rows.get(i);
      assertThat(frame.get("windowStart").asLong()).isEqualTo(row.windowStartMs());
      assertThat(frame.get("sequenceNr").asLong()).isEqualTo(row.sequenceNr());
      assertThat(frame.get("checksum").asText()).isEqualTo(row.checksum());
      assertThat(frame.get("prevChecksum").asText()).isEqualTo(i == 0 ? "" : rows.get(i - 1).checksum());
      assertThat(frame.get("coverage").asDouble()).isEqualTo(row.coverage());
      assertThat(frame.get("closePrice").asDouble()).isEqualTo(row.closePrice());
      assertThat(frame.get("stepCount").asInt()).isEqualTo(row.stepCount());
      assertThat(frame.get("bands").size()).as("bands on both sides").isGreaterThanOrEqualTo(2);
    }
    assertThat(frames.get(0).get("oiCloseBase").isNull()).as("unknown before the first OI").isTrue();
    assertThat(frames.get(1).get("candle").isNull()).as("a window without trades").isTrue();
    assertThat(frames.get(2).get("candle").get("volume").isNull()).as("a bar without volume").isTrue();
    assertThat(frames.get(3).get("candle").get("close").asDouble()).isEqualTo(rows.get(3).candle().close());
  }

  @Test
  void framesReadOnlyTheirRangeAcrossMidnightAndTakeEpochMillis() throws Exception {
    long from = rows.get(11).windowStartMs();
    long to = rows.get(13).windowStartMs();
    JsonNode body = json(get("/api/v1/markets/binance:BTCUSDT/frames?from=" + from + "&to=" + to));

    assertThat(body.get("frames")).extracting(frame -> frame.get("windowStart").asLong())
        .containsExactly(rows.get(11).windowStartMs(), rows.get(12).windowStartMs());
  }

  @Test
  void framesApplyTheDisplayParametersToEachFramesBands() throws Exception {
    String range = "from=" + FIRST + "&to=" + END;
    JsonNode wide = json(get("/api/v1/markets/binance:BTCUSDT/frames?" + range));
    JsonNode narrow = json(get("/api/v1/markets/binance:BTCUSDT/frames?" + range + "&maxBands=1&range=2.5"));

    for (int i = 0; i < COUNT; i++) {
      JsonNode bands = narrow.get("frames").get(i).get("bands");
      double close = rows.get(i).closePrice();
      assertThat(count(bands, "long")).isLessThanOrEqualTo(1);
      assertThat(count(bands, "short")).isLessThanOrEqualTo(1);
      for (JsonNode band : bands) {
        assertThat(band.get("low").asDouble()).isGreaterThanOrEqualTo(close * 0.975 * 0.999);
        assertThat(band.get("high").asDouble()).isLessThanOrEqualTo(close * 1.025 * 1.001);
      }
      assertThat(wide.get("frames").get(i).get("bands")).isNotEqualTo(bands);
      assertThat(narrow.get("frames").get(i).get("checksum")).as("the frame itself is the same")
          .isEqualTo(wide.get("frames").get(i).get("checksum"));
    }
  }

  // ---- heatmap ----

  @Test
  void theHeatmapHasOneColumnPerFrozenWindowAndEachColumnSumsToItsFrame() throws Exception {
    JsonNode map = json(get("/api/v1/markets/binance:BTCUSDT/heatmap?from=" + FIRST + "&to=" + END));

    assertThat(map.get("resolution").asText()).isEqualTo("5m");
    assertThat(map.get("times")).extracting(JsonNode::asLong)
        .containsExactlyElementsOf(rows.stream().map(FrozenFrameRow::windowStartMs).toList());
    assertThat(map.get("windows")).allSatisfy(windows -> assertThat(windows.asInt()).isEqualTo(1));
    int rowCount = map.get("grid").get("rows").asInt();
    assertThat(rowCount).isPositive();
    assertThat(map.get("priceEdges")).hasSize(rowCount + 1);
    assertAscending(map.get("priceEdges"));
    assertThat(map.get("longUsd")).hasSize(COUNT).allSatisfy(column -> assertThat(column).hasSize(rowCount));
    assertThat(map.get("shortUsd")).hasSize(COUNT).allSatisfy(column -> assertThat(column).hasSize(rowCount));
    // The rows span every price ±10 %, and each frame holds ±10 % of its close: all of it is shown.
    for (int c = 0; c < COUNT; c++) {
      DensityFrame frame = rows.get(c).frame();
      assertThat(sum(map.get("longUsd").get(c))).isCloseTo(frame.totalUsd(Side.LONG), within(0.01 * rowCount));
      assertThat(sum(map.get("shortUsd").get(c))).isCloseTo(frame.totalUsd(Side.SHORT), within(0.01 * rowCount));
    }
    assertThat(map.get("candles").get("open").get(1).isNull()).as("no trades, no candle").isTrue();
    assertThat(map.get("candles").get("volume").get(2).isNull()).isTrue();
    assertThat(map.get("candles").get("close").get(5).asDouble()).isEqualTo(rows.get(5).candle().close());
    assertThat(map.get("maxLongUsd").asDouble()).isEqualTo(max(map.get("longUsd")));
    assertThat(map.get("immutable").asBoolean()).isTrue();
    assertThat(map.toString()).doesNotContain("NaN");
  }

  @Test
  void aNarrowRangeKeepsOnlyTheNotionalOfItsRows() throws Exception {
    JsonNode map = json(get("/api/v1/markets/binance:BTCUSDT/heatmap?from=" + FIRST + "&to=" + END + "&range=1"));

    JsonNode grid = map.get("grid");
    int firstBin = grid.get("firstBin").asInt();
    int rowCount = grid.get("rows").asInt();
    assertThat(grid.get("kind").asText()).isEqualTo("relative");
    for (int c = 0; c < COUNT; c++) {
      DensityFrame frame = rows.get(c).frame();
      double expectedLong = 0;
      for (int i = 0; i < frame.size(); i++) {
        if (frame.bins()[i] >= firstBin && frame.bins()[i] < firstBin + rowCount) {
          expectedLong += frame.longUsd()[i];
        }
      }
      assertThat(expectedLong).isLessThan(frame.totalUsd(Side.LONG));
      assertThat(sum(map.get("longUsd").get(c))).isCloseTo(expectedLong, within(0.01 * rowCount));
    }
    PriceGrid model = rows.get(0).frame().grid();
    assertThat(map.get("priceEdges").get(0).asDouble()).isEqualTo(model.lowerBound(firstBin));
  }

  @Test
  void aCoarserResolutionMergesWindowsIntoMeanColumnsWithMergedCandles() throws Exception {
    JsonNode map = json(get("/api/v1/markets/binance:BTCUSDT/heatmap?from=" + FIRST + "&to=" + END + "&resolution=15m"));

    // 23:00, 23:15, 23:30, 23:45 (three windows each), 00:00 (two).
    assertThat(map.get("times")).extracting(JsonNode::asLong).containsExactly(
        FIRST, FIRST + 900_000, FIRST + 1_800_000, FIRST + 2_700_000, FIRST + 3_600_000);
    assertThat(map.get("windows")).extracting(JsonNode::asInt).containsExactly(3, 3, 3, 3, 2);
    for (int c = 0; c < 5; c++) {
      List<FrozenFrameRow> merged = rows.subList(3 * c, Math.min(COUNT, 3 * c + 3));
      double meanLong = merged.stream().mapToDouble(row -> row.frame().totalUsd(Side.LONG)).average().orElseThrow();
      int rowCount = map.get("grid").get("rows").asInt();
      assertThat(sum(map.get("longUsd").get(c))).isCloseTo(meanLong, within(0.01 * rowCount));
    }
    // Column 0 merges window 0 (candle), 1 (none) and 2 (no volume).
    JsonNode candles = map.get("candles");
    assertThat(candles.get("open").get(0).asDouble()).isEqualTo(rows.get(0).candle().open());
    assertThat(candles.get("close").get(0).asDouble()).isEqualTo(rows.get(2).candle().close());
    assertThat(candles.get("high").get(0).asDouble())
        .isEqualTo(Math.max(rows.get(0).candle().high(), rows.get(2).candle().high()));
    assertThat(candles.get("low").get(0).asDouble())
        .isEqualTo(Math.min(rows.get(0).candle().low(), rows.get(2).candle().low()));
    assertThat(candles.get("volume").get(0).asDouble()).isEqualTo(rows.get(0).candle().volume());
    assertThat(candles.get("volume").get(1).asDouble())
        .isEqualTo(rows.get(3).candle().volume() + rows.get(4).candle().volume() + rows.get(5).candle().volume());

    JsonNode hourly = json(get("/api/v1/markets/binance:BTCUSDT/heatmap?from=" + FIRST + "&to=" + END + "&resolution=1h"));
    assertThat(hourly.get("windows")).extracting(JsonNode::asInt).containsExactly(12, 2);
  }

  @Test
  void binWidthCoarsensTheRowsWithoutLosingNotional() throws Exception {
    String range = "from=" + FIRST + "&to=" + END + "&range=20";
    JsonNode fine = json(get("/api/v1/markets/binance:BTCUSDT/heatmap?" + range));
    JsonNode coarse = json(get("/api/v1/markets/binance:BTCUSDT/heatmap?" + range + "&binWidth=0.5"));

    assertThat(coarse.get("grid").get("rows").asInt()).isLessThan(fine.get("grid").get("rows").asInt() / 5);
    for (int c = 0; c < COUNT; c++) {
      assertThat(sum(coarse.get("shortUsd").get(c))).isCloseTo(sum(fine.get("shortUsd").get(c)), within(50.0));
    }
  }

  // ---- caching ----

  @Test
  void aFrozenRangeIsImmutableWithAStrongEtagAndA304WhenUnchanged() throws Exception {
    for (String endpoint : List.of("frames", "heatmap")) {
      String path = "/api/v1/markets/binance:BTCUSDT/" + endpoint + "?from=" + iso(FIRST) + "&to=" + iso(END);
      HttpResponse<String> first = get(path);
      String etag = first.headers().firstValue("ETag").orElseThrow();

      assertThat(etag).as("strong").startsWith("\"").endsWith("\"").hasSize(66);
      assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
      assertThat(get(path).headers().firstValue("ETag")).as("stable").hasValue(etag);

      HttpResponse<String> again = send(request(path).header("If-None-Match", etag).build());
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.headers().firstValue("ETag")).hasValue(etag);

      HttpResponse<String> stale = send(request(path).header("If-None-Match", "\"something-else\"").build());
      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(get(path + "&range=5").headers().firstValue("ETag")).as("other parameters, other tag").isNotEqualTo(java.util.Optional.of(etag));
    }
  }

  @Test
  void aRangeReachingTheLiveWindowIsNotCachedForever() throws Exception {
    String pastTheNewest = "/api/v1/markets/binance:BTCUSDT/frames?from=" + FIRST + "&to=" + (END + 1);
    HttpResponse<String> response = get(pastTheNewest);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(response.headers().firstValue("ETag")).isPresent();
    assertThat(json(response).get("immutable").asBoolean()).isFalse();
    assertThat(json(response).get("frames")).hasSize(COUNT);

    HttpResponse<String> defaults = get("/api/v1/markets/binance:BTCUSDT/heatmap");
    assertThat(defaults.headers().firstValue("Cache-Control")).as("to defaults to now").hasValue("no-cache");
    assertThat(json(defaults).get("times")).hasSize(COUNT);

    HttpResponse<String> nothingFrozen = get("/api/v1/markets/bybit:ETHUSDT/frames?from=" + FIRST + "&to=" + END);
    assertThat(nothingFrozen.statusCode()).isEqualTo(200);
    assertThat(nothingFrozen.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(json(nothingFrozen).get("frames")).isEmpty();
    assertThat(json(nothingFrozen).get("newestFrozenWindow").isNull()).isTrue();
  }

  // ---- refused ----

  @Test
  void badParametersAre400WithAJsonReason() throws Exception {
    String market = "/api/v1/markets/binance:BTCUSDT/";
    List<String> bad = new ArrayList<>(List.of(
        market + "frames?from=yesterday",
        market + "frames?to=2026-13-01T00:00:00Z",
        market + "heatmap?from=" + END + "&to=" + FIRST,
        market + "frames?from=2026-11-10T00:00:00Z&to=2026-11-20T00:00:00Z",
        market + "frames?modelVersion=" + URLEncoder.encode("not a version!", StandardCharsets.UTF_8),
        market + "heatmap?modelVersion=" + URLEncoder.encode("-leading-dash", StandardCharsets.UTF_8),
        market + "heatmap?resolution=7m",
        market + "heatmap?from=" + FIRST + "&to=" + END + "&binWidth=0.01",
        market + "heatmap?from=" + FIRST + "&to=" + END + "&range=99",
        market + "frames?maxBands=0",
        "/api/v1/markets/not-a-market/frames"));
    for (String path : bad) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      JsonNode body = json(response);
      assertThat(body.get("error").asText()).as(path).isEqualTo("bad_request");
      assertThat(body.get("message").asText()).as(path).isNotBlank().doesNotContain("Exception");
    }
    assertThat(json(get(market + "frames?from=2026-11-10T00:00:00Z&to=2026-11-20T00:00:00Z")).get("message").asText())
        .contains("max-span");
    assertThat(json(get(market + "heatmap?from=" + FIRST + "&to=" + END + "&range=99")).get("message").asText())
        .contains("resolution");
  }

  @Test
  void anUnknownMarketIs404() throws Exception {
    for (String endpoint : List.of("frames", "heatmap")) {
      HttpResponse<String> response = get("/api/v1/markets/okx:BTC-USDT-SWAP/" + endpoint);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).get("error").asText()).isEqualTo("not_found");
    }
  }

  @Test
  void aReadSideThatDoesNotAnswerIs503() throws Exception {
    CqlSession closed = TestCassandra.shared().openSession();
    closed.close();
    CompletionStage<FramesRepository> working = repository.getAndSet(CompletableFuture.completedFuture(new FramesRepository(closed)));
    try {
      HttpResponse<String> response = get("/api/v1/markets/binance:BTCUSDT/frames?from=" + FIRST + "&to=" + END);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(json(response).get("error").asText()).isEqualTo("unavailable");
    } finally {
      repository.set(working);
    }
  }

  @Test
  void aNodeReadsTheFrozenWindowsBeforeItsStartSoTheExpectedMoveIsThereAtOnce() throws Exception {
    Clock justAfter = Clock.fixed(Instant.ofEpochMilli(END + 60_000), ZoneOffset.UTC);

    RecentWindows.load(api.hub(), () -> CompletableFuture.completedFuture(new FramesRepository(session)), VERSION,
            justAfter)
        .toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);

    // The node has heard no window live (no entities here): all it holds came from the read side.
    assertThat(api.hub().state(BTC).recentCloses())
        .containsExactlyElementsOf(rows.stream().map(FrozenFrameRow::closePrice).toList());
    assertThat(api.hub().state(BTC).lastFrozenWindowStart()).isEqualTo(rows.get(rows.size() - 1).windowStartMs());
    assertThat(api.hub().state(BTC).closedAfter(Long.MIN_VALUE)).extracting(window -> window.checksum())
        .containsExactlyElementsOf(rows.stream().map(FrozenFrameRow::checksum).toList());
    ExpectedMove move = ExpectedMove.fromCloses(api.hub().state(BTC).recentCloses(), Duration.ofHours(4));
    assertThat(move).isNotNull();
    assertThat(move.returns()).isEqualTo(COUNT - 1);
    // A market the read side holds nothing of stays empty, and does not stop the others.
    assertThat(api.hub().state(ETH).recentCloses()).isEmpty();
  }

  @Test
  void aReadSideThatFailsLeavesTheMarketsToFillLiveAndTheLoadEnds() throws Exception {
    CqlSession closed = TestCassandra.shared().openSession();
    closed.close();
    List<Double> before = api.hub().state(BTC).recentCloses();

    RecentWindows.load(api.hub(), () -> CompletableFuture.completedFuture(new FramesRepository(closed)), VERSION,
            Clock.fixed(Instant.ofEpochMilli(END + 60_000), ZoneOffset.UTC))
        .toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    RecentWindows.load(api.hub(), () -> CompletableFuture.failedFuture(new IllegalStateException("no session yet")),
            VERSION, Clock.fixed(Instant.ofEpochMilli(END + 60_000), ZoneOffset.UTC))
        .toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(api.hub().state(BTC).recentCloses()).isEqualTo(before);
    assertThat(get("/api/v1/markets/binance:BTCUSDT/frames?from=" + FIRST + "&to=" + END).statusCode()).isEqualTo(200);
  }

  // ---- helpers ----

  private static String iso(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.address().getPort() + path))
        .timeout(Duration.ofSeconds(60));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(request(path).build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static long count(JsonNode bands, String side) {
    long n = 0;
    for (JsonNode band : bands) {
      if (band.get("side").asText().equals(side)) {
        n++;
      }
    }
    return n;
  }

  private static double sum(JsonNode cells) {
    double total = 0;
    for (JsonNode cell : cells) {
      total += cell.asDouble();
    }
    return total;
  }

  private static double max(JsonNode columns) {
    double max = 0;
    for (JsonNode column : columns) {
      for (JsonNode cell : column) {
        max = Math.max(max, cell.asDouble());
      }
    }
    return max;
  }

  private static void assertAscending(JsonNode values) {
    for (int i = 1; i < values.size(); i++) {
      assertThat(values.get(i).asDouble()).isGreaterThan(values.get(i - 1).asDouble());
    }
  }
}
