package io.liqheat.ingest.bybit;

import io.liqheat.ingest.CollectingSink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.ScannerAgreement;
import io.liqheat.market.MarketId;
import io.liqheat.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parser on real Bybit v5 linear frames recorded by cryptofeed (see ../shared/data/SOURCES.md):
 * trades, ticker snapshots and deltas, and kline and order-book frames that must be ignored. The
 * capture also holds a spot connection, which is not what this connector reads, so only frames of
 * the linear connection are used.
 */
class BybitCaptureTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<MarketId> MARKETS = List.of(MarketId.parse("bybit:BTCUSDT"), MarketId.parse("bybit:ETHUSDT"),
      MarketId.parse("bybit:SOLUSDT"), MarketId.parse("bybit:DOGEUSDT"));
  private static List<String> frames;

  @BeforeAll
  static void readCapture() throws IOException {
    Path capture = SharedData.require("captures/BYBIT.jsonl");
    Set<String> linearConnections = new HashSet<>();
    frames = new ArrayList<>();
    for (String line : Files.readAllLines(capture)) {
      JsonNode record = JSON.readTree(line);
      String type = record.path("t").asText();
      if (type.equals("connect") && record.path("addr").asText().endsWith("/v5/public/linear")) {
        linearConnections.add(record.path("conn").asText());
      } else if (type.equals("recv") && linearConnections.contains(record.path("conn").asText())) {
        frames.add(record.path("data").asText());
      }
    }
  }

  @Test
  void everyFrameParsesWithoutAMalformedOne() throws IOException {
    CollectingSink sink = new CollectingSink();
    BybitStreamParser parser = new BybitStreamParser(BybitMarkets.of(MARKETS), new BybitTickerBook());
    int tradesInCapture = 0;
    int tickerFrames = 0;
    for (String frame : frames) {
      parser.parse(frame, sink);
      String topic = JSON.readTree(frame).path("topic").asText();
      if (topic.startsWith("publicTrade.")) {
        tradesInCapture += JSON.readTree(frame).path("data").size();
      } else if (topic.startsWith("tickers.")) {
        tickerFrames++;
      }
    }

    assertThat(frames).hasSizeGreaterThan(2000);
    assertThat(sink.malformed).isEmpty();
    assertThat(tradesInCapture).isPositive();
    assertThat(sink.of(MarketInput.Trade.class)).hasSize(tradesInCapture);
    assertThat(sink.of(MarketInput.MarkPrice.class)).isNotEmpty().hasSizeLessThanOrEqualTo(tickerFrames);
    assertThat(sink.of(MarketInput.OpenInterest.class)).isNotEmpty();
  }

  @Test
  void everyRealTradeFrameIsTakenByTheScannerAndEveryFrameReadsAsTheTokenParserReadsIt() {
    // Two parsers, each with its own ticker book, so that the ticker frames merge once in each.
    BybitStreamParser scanning = new BybitStreamParser(BybitMarkets.of(MARKETS), new BybitTickerBook());
    BybitStreamParser tokens = new BybitStreamParser(BybitMarkets.of(MARKETS), new BybitTickerBook());
    ScannerAgreement agreement = new ScannerAgreement(scanning::parse, tokens::parseTokens);
    int tradeFrames = 0;
    for (String frame : frames) {
      agreement.assertSame(frame);
      if (frame.startsWith("{\"topic\":\"publicTrade.")) {
        tradeFrames++;
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        assertThat(PublicTradeScanner.read(bytes, 0, bytes.length, BybitMarkets.of(MARKETS))).as(frame).isNotNull();
      }
    }
    assertThat(tradeFrames).isPositive();
  }

  @Test
  void aTradeMatchesItsRawFrame() throws IOException {
    String frame = frames.stream().filter(f -> f.startsWith("{\"topic\":\"publicTrade.")).findFirst().orElseThrow();
    JsonNode raw = JSON.readTree(frame).path("data").get(0);
    CollectingSink sink = new CollectingSink();
    new BybitStreamParser(BybitMarkets.of(MARKETS), new BybitTickerBook()).parse(frame, sink);

    MarketInput.Trade trade = sink.of(MarketInput.Trade.class).get(0);
    assertThat(trade.market().symbol()).isEqualTo(raw.path("s").asText());
    assertThat(trade.timeMs()).isEqualTo(raw.path("T").asLong());
    assertThat(trade.price()).isEqualTo(Double.parseDouble(raw.path("p").asText()));
    assertThat(trade.size()).isEqualTo(Double.parseDouble(raw.path("v").asText()));
    assertThat(trade.takerBuy()).isEqualTo(raw.path("S").asText().equals("Buy"));
  }

  @Test
  void mergedTickersEndWithTheLatestRawOpenInterestAndMark() throws IOException {
    BybitTickerBook book = new BybitTickerBook();
    CollectingSink sink = new CollectingSink();
    BybitStreamParser parser = new BybitStreamParser(BybitMarkets.of(MARKETS), book);
    Map<String, Double> lastOpenInterest = new HashMap<>();
    Map<String, Double> lastOpenInterestValue = new HashMap<>();
    Map<String, Double> lastMark = new HashMap<>();
    for (String frame : frames) {
      parser.parse(frame, sink);
      JsonNode message = JSON.readTree(frame);
      if (message.path("topic").asText().startsWith("tickers.")) {
        JsonNode data = message.path("data");
        String symbol = data.path("symbol").asText();
        if (data.has("openInterest")) {
          lastOpenInterest.put(symbol, Double.parseDouble(data.path("openInterest").asText()));
        }
        if (data.has("openInterestValue")) {
          lastOpenInterestValue.put(symbol, Double.parseDouble(data.path("openInterestValue").asText()));
        }
        if (data.has("markPrice")) {
          lastMark.put(symbol, Double.parseDouble(data.path("markPrice").asText()));
        }
      }
    }

    assertThat(lastOpenInterest).hasSize(4);
    for (MarketId market : MARKETS) {
      String symbol = market.symbol();
      assertThat(book.get(market).openInterest()).as(symbol).isEqualTo(lastOpenInterest.get(symbol));
      assertThat(book.get(market).openInterestValue()).as(symbol).isEqualTo(lastOpenInterestValue.get(symbol));
      assertThat(book.get(market).markPrice()).as(symbol).isEqualTo(lastMark.get(symbol));
      MarketInput.OpenInterest lastReported = sink.of(MarketInput.OpenInterest.class).stream()
          .filter(oi -> oi.market().equals(market)).reduce((a, b) -> b).orElseThrow();
      assertThat(lastReported.oiBase()).isEqualTo(lastOpenInterest.get(symbol));
      assertThat(lastReported.oiUsd()).isEqualTo(lastOpenInterestValue.get(symbol));
    }
  }
}
