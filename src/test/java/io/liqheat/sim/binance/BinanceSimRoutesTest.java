package io.liqheat.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.ingest.BackfillInputs.OpenInterestPoint;
import io.liqheat.ingest.BackfillInputs.RatioPoint;
import io.liqheat.ingest.CollectingSink;
import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.binance.BinanceAccountRatioParser;
import io.liqheat.ingest.binance.BinanceExchangeInfoParser;
import io.liqheat.ingest.binance.BinanceKlinesParser;
import io.liqheat.ingest.binance.BinanceOpenInterestHistParser;
import io.liqheat.ingest.binance.BinanceOpenInterestParser;
import io.liqheat.ingest.binance.BinanceStreamParser;
import io.liqheat.ingest.binance.BinanceSymbolInfo;
import io.liqheat.ingest.binance.BinanceSymbols;
import io.liqheat.ingest.binance.BinanceTakerRatioParser;
import io.liqheat.ingest.binance.TakerVolumePoint;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimMarketSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's Binance paths over a real socket, read back with the connector's own parsers. */
class BinanceSimRoutesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final MarketId ETH = MarketId.parse("binance:ETHUSDT");
  private static final BinanceSymbols SYMBOLS = new BinanceSymbols(List.of(BTC, ETH));
  private static ConnectorRig rig;

  @BeforeAll
  static void start() {
    rig = ConnectorRig.start(List.of(SimMarketSpec.typical(BTC, 64_000, 1), SimMarketSpec.typical(ETH, 3_200, 1)),
        Duration.ofHours(1));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private record Answer(int status, String body, HttpResponse response) {}

  private static Answer get(String pathAndQuery) throws Exception {
    HttpResponse response = Http.get(rig.system).singleRequest(HttpRequest.GET(rig.httpUrl() + pathAndQuery))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    String body = response.entity().toStrict(10_000, Materializer.matFromSystem(rig.system))
        .toCompletableFuture().get(10, TimeUnit.SECONDS).getData().utf8String();
    return new Answer(response.status().intValue(), body, response);
  }

  @Test
  void historyEndpointsRoundTripThroughTheConnectorsParsers() throws Exception {
    // The open-interest and ratio requests must see the same points: the range ends at a minute the
    // simulator has already closed, so no point is added in it between them.
    long to = rig.simulatedTime(BTC) / 60_000 * 60_000;
    long from = to - Duration.ofMinutes(50).toMillis();
    CollectingSink reports = new CollectingSink();

    List<KlineBar> bars = BinanceKlinesParser.parse(
        get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=" + from + "&endTime=" + (to - 1) + "&limit=1000").body(), BTC, reports);
    List<KlineBar> page = BinanceKlinesParser.parse(
        get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=" + from + "&endTime=" + (to - 1) + "&limit=7").body(), BTC, reports);
    List<OpenInterestPoint> openInterest = BinanceOpenInterestHistParser.parse(
        get("/futures/data/openInterestHist?symbol=BTCUSDT&period=5m&startTime=" + from + "&endTime=" + to + "&limit=500").body(), BTC, reports);
    List<RatioPoint> ratios = BinanceAccountRatioParser.parse(
        get("/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m&startTime=" + from + "&endTime=" + to).body(), BTC, reports);
    List<TakerVolumePoint> taker = BinanceTakerRatioParser.parse(
        get("/futures/data/takerlongshortRatio?symbol=BTCUSDT&period=5m&limit=3").body(), BTC, reports);

    assertThat(reports.malformed).isEmpty();
    assertThat(bars).hasSizeBetween(48, 50);
    assertThat(bars).allSatisfy(bar -> {
      assertThat(bar.openTimeMs()).isBetween(from, to - 1);
      assertThat(bar.closeTimeMs()).isEqualTo(bar.openTimeMs() + 59_999);
      assertThat(bar.low()).isLessThanOrEqualTo(Math.min(bar.open(), bar.close()));
      assertThat(bar.high()).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close()));
      assertThat(bar.takerBuyVolume()).isBetween(0.0, bar.volume());
    });
    assertThat(page).hasSize(7).first().isEqualTo(bars.get(0));
    assertThat(openInterest).hasSizeBetween(9, 11).allSatisfy(point -> {
      assertThat(point.oiBase()).isPositive();
      assertThat(point.oiUsd() / point.oiBase()).isBetween(30_000.0, 130_000.0);
    });
    assertThat(ratios).hasSameSizeAs(openInterest).allSatisfy(point -> assertThat(point.longShortRatio()).isPositive());
    assertThat(taker).hasSize(3);
  }

  @Test
  void openInterestAndExchangeInfoRoundTrip() throws Exception {
    CollectingSink reports = new CollectingSink();
    new BinanceOpenInterestParser(SYMBOLS, market -> 2.0).parse(get("/fapi/v1/openInterest?symbol=ETHUSDT").body(), reports);
    Map<String, BinanceSymbolInfo> symbols = BinanceExchangeInfoParser.parse(get("/fapi/v1/exchangeInfo").body(), reports);

    assertThat(reports.malformed).isEmpty();
    assertThat(reports.inputs).singleElement().isInstanceOfSatisfying(MarketInput.OpenInterest.class, oi -> {
      assertThat(oi.market()).isEqualTo(ETH);
      assertThat(oi.oiBase()).isPositive();
      assertThat(oi.oiUsd()).isEqualTo(oi.oiBase() * 2.0);
    });
    assertThat(symbols.keySet()).contains("BTCUSDT", "ETHUSDT");
    assertThat(symbols.values()).allMatch(BinanceSymbolInfo::tradingPerpetual);
  }

  @Test
  void unknownSymbolsAndBadParametersGetBinancesErrors() throws Exception {
    Answer unknown = get("/fapi/v1/openInterest?symbol=NOPEUSDT");
    Answer missing = get("/futures/data/openInterestHist?period=5m");
    Answer interval = get("/fapi/v1/klines?symbol=BTCUSDT&interval=7m");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body())).isEqualTo(JSON.readTree("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(JSON.readTree(missing.body()).path("code").asInt()).isEqualTo(-1102);
    assertThat(interval.status()).isEqualTo(400);
    assertThat(JSON.readTree(interval.body()).path("code").asInt()).isEqualTo(-1120);
  }

  @Test
  void aRateLimitedRequestGets429WithRetryAfter() throws Exception {
    long refusedBefore = rig.sim.faults().rateLimitedRequests(Exchange.BINANCE);
    rig.sim.faults().rateLimitNext(Exchange.BINANCE, 1, 7);

    Answer limited = get("/fapi/v1/exchangeInfo");
    Answer next = get("/fapi/v1/exchangeInfo");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.response().getHeader("Retry-After")).hasValueSatisfying(header -> assertThat(header.value()).isEqualTo("7"));
    assertThat(rig.sim.faults().rateLimitedRequests(Exchange.BINANCE)).isEqualTo(refusedBefore + 1);
    assertThat(next.status()).isEqualTo(200);
  }

  /** Opens a WebSocket, sends {@code send}, collects the first {@code count} text frames and closes it. */
  private static List<String> receive(String path, List<String> send, int count) throws Exception {
    Materializer materializer = Materializer.matFromSystem(rig.system);
    Sink<Message, java.util.concurrent.CompletionStage<List<String>>> collect = Flow.of(Message.class)
        .mapAsync(1, message -> message.asTextMessage().toStrict(5_000, materializer))
        .map(TextMessage::getStrictText)
        .take(count)
        .toMat(Sink.seq(), Keep.right());
    Source<Message, ?> outgoing = Source.from(send).map(text -> (Message) TextMessage.create(text)).concat(Source.maybe());
    return Http.get(rig.system)
        .singleWebSocketRequest(WebSocketRequest.create(rig.wsUrl() + path),
            Flow.fromSinkAndSourceCoupledMat(collect, outgoing, Keep.left()), materializer)
        .second().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void combinedStreamsCarryTradesAndMarksInTheirEnvelope() throws Exception {
    List<String> frames = receive("/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s/nopeusdt@aggTrade", List.of(), 12);
    CollectingSink reports = new CollectingSink();
    BinanceStreamParser parser = new BinanceStreamParser(SYMBOLS);
    frames.forEach(frame -> parser.parse(frame, reports));

    assertThat(reports.malformed).isEmpty();
    assertThat(reports.inputs).hasSize(12).allMatch(input -> input.market().equals(BTC));
    for (String frame : frames) {
      JsonNode node = JSON.readTree(frame);
      String type = node.path("data").path("e").asText();
      assertThat(node.path("stream").asText()).isEqualTo("aggTrade".equals(type) ? "btcusdt@aggTrade" : "btcusdt@markPrice@1s");
      assertThat(node.path("data").path("p").isTextual()).as("decimals are strings").isTrue();
    }
  }

  @Test
  void subscribeIsAcknowledgedAndRawStreamsFollow() throws Exception {
    List<String> frames = receive("/ws", List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@aggTrade\"],\"id\":7}"), 4);
    CollectingSink reports = new CollectingSink();
    BinanceStreamParser parser = new BinanceStreamParser(SYMBOLS);
    frames.forEach(frame -> parser.parse(frame, reports));

    assertThat(JSON.readTree(frames.get(0))).isEqualTo(JSON.readTree("{\"result\":null,\"id\":7}"));
    assertThat(JSON.readTree(frames.get(1)).path("e").asText()).isEqualTo("aggTrade");
    assertThat(reports.malformed).isEmpty();
    assertThat(reports.inputs).hasSize(3).allMatch(input -> input instanceof MarketInput.Trade && input.market().equals(ETH));
  }

  @Test
  void malformedFramesAreInjectedOnRequest() throws Exception {
    rig.sim.faults().malformNext(Exchange.BINANCE, 2);
    List<String> frames = receive("/ws/btcusdt@aggTrade", List.of(), 4);
    CollectingSink reports = new CollectingSink();
    BinanceStreamParser parser = new BinanceStreamParser(SYMBOLS);
    frames.forEach(frame -> parser.parse(frame, reports));

    assertThat(reports.malformed).containsExactly("binance:BTCUSDT|non-numeric p", "binance:BTCUSDT|non-numeric p");
    assertThat(reports.inputs).hasSize(2);
  }
}
