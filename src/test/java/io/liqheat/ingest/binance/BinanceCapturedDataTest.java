package io.liqheat.ingest.binance;

import io.liqheat.ingest.CollectingSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.ingest.BackfillInputs.OpenInterestPoint;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.MarketInput;
import io.liqheat.market.MarketId;
import io.liqheat.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parsers on real Binance messages and REST answers from ../shared/data (skipped when absent). */
class BinanceCapturedDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<MarketId> CAPTURED = Stream.of("SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT")
      .map(symbol -> MarketId.parse("binance:" + symbol)).toList();

  @Test
  void everyCapturedStreamMessageParsesAndOnlyAggTradesBecomeInputs() throws IOException {
    Path capture = SharedData.require("captures/BINANCE_FUTURES.jsonl");
    BinanceStreamParser parser = new BinanceStreamParser(new BinanceSymbols(CAPTURED));
    CollectingSink sink = new CollectingSink();
    List<JsonNode> aggTrades = new ArrayList<>();
    int received = 0;
    for (String line : Files.readAllLines(capture)) {
      JsonNode record = JSON.readTree(line);
      if (!"recv".equals(record.path("t").asText())) {
        continue;
      }
      String raw = record.path("data").asText();
      received++;
      parser.parse(raw, sink);
      JsonNode message = JSON.readTree(raw);
      if ("aggTrade".equals(message.path("data").path("e").asText())) {
        aggTrades.add(message.path("data"));
      }
    }

    assertThat(received).isGreaterThan(1000);
    assertThat(sink.malformed).isEmpty();
    List<MarketInput.Trade> trades = sink.of(MarketInput.Trade.class);
    assertThat(aggTrades).isNotEmpty();
    assertThat(sink.inputs).hasSameSizeAs(aggTrades).hasSameSizeAs(trades);
    for (int i = 0; i < trades.size(); i++) {
      JsonNode raw = aggTrades.get(i);
      MarketInput.Trade trade = trades.get(i);
      assertThat(trade.market().symbol()).isEqualTo(raw.path("s").asText());
      assertThat(trade.timeMs()).isEqualTo(raw.path("T").asLong());
      assertThat(trade.price()).isEqualTo(Double.parseDouble(raw.path("p").asText()));
      assertThat(trade.size()).isEqualTo(Double.parseDouble(raw.path("q").asText()));
      assertThat(trade.takerBuy()).isEqualTo(!raw.path("m").asBoolean());
    }
    // The capture has both aggressor sides, so the m → takerBuy mapping is exercised both ways.
    assertThat(trades).anyMatch(MarketInput.Trade::takerBuy).anyMatch(trade -> !trade.takerBuy());
  }

  @Test
  void capturedExchangeInfoListsTradingPerpetuals() throws IOException {
    Path capture = SharedData.require("captures/BINANCE_FUTURES.jsonl");
    String body = null;
    for (String line : Files.readAllLines(capture)) {
      JsonNode record = JSON.readTree(line);
      if ("http".equals(record.path("t").asText()) && record.path("url").asText().endsWith("/fapi/v1/exchangeInfo")) {
        body = record.path("data").asText();
      }
    }
    assertThat(body).as("the capture holds the exchangeInfo answer").isNotNull();
    CollectingSink sink = new CollectingSink();

    Map<String, BinanceSymbolInfo> symbols = BinanceExchangeInfoParser.parse(body, sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(symbols).hasSize(JSON.readTree(body).path("symbols").size());
    assertThat(symbols.get("BTCUSDT").tradingPerpetual()).isTrue();
    assertThat(symbols.get("SUSHIUSDT").tradingPerpetual()).isTrue();
    assertThat(symbols.values()).anyMatch(info -> !info.tradingPerpetual());
  }

  @Test
  void everyRecordedRestAnswerParses() throws IOException {
    Path root = SharedData.root().resolve("binance-rest");
    assumeTrue(Files.isDirectory(root), "skipped: real market data " + root + " is absent (../shared/data is not part of a fresh clone)");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }
    int klineFiles = 0;
    int oiFiles = 0;
    int takerFiles = 0;
    int premiumFiles = 0;
    for (Path file : files) {
      String body = Files.readString(file);
      JsonNode raw = JSON.readTree(body);
      String name = file.getFileName().toString();
      MarketId market = MarketId.parse(file.toString().contains("/eth/") ? "binance:ETHUSDT" : "binance:BTCUSDT");
      CollectingSink sink = new CollectingSink();
      if (name.equals("m15.json") || name.equals("h4.json")) {
        List<KlineBar> bars = BinanceKlinesParser.parse(body, market, sink);
        assertThat(bars).as(file.toString()).hasSize(raw.size());
        if (!bars.isEmpty()) {
          JsonNode first = raw.get(0);
          KlineBar bar = bars.get(0);
          assertThat(bar.openTimeMs()).isEqualTo(first.get(0).asLong());
          assertThat(bar.closeTimeMs()).isEqualTo(first.get(6).asLong());
          assertThat(bar.open()).isEqualTo(Double.parseDouble(first.get(1).asText()));
          assertThat(bar.high()).isEqualTo(Double.parseDouble(first.get(2).asText()));
          assertThat(bar.low()).isEqualTo(Double.parseDouble(first.get(3).asText()));
          assertThat(bar.close()).isEqualTo(Double.parseDouble(first.get(4).asText()));
          assertThat(bar.volume()).isEqualTo(Double.parseDouble(first.get(5).asText()));
          assertThat(bar.quoteVolume()).isEqualTo(Double.parseDouble(first.get(7).asText()));
          assertThat(bar.takerBuyVolume()).isEqualTo(Double.parseDouble(first.get(9).asText()));
        }
        klineFiles++;
      } else if (name.equals("openInterestHist.json")) {
        List<OpenInterestPoint> points = BinanceOpenInterestHistParser.parse(body, market, sink);
        assertThat(points).as(file.toString()).hasSize(raw.size());
        if (!points.isEmpty()) {
          assertThat(points.get(0).timeMs()).isEqualTo(raw.get(0).path("timestamp").asLong());
          assertThat(points.get(0).oiBase()).isEqualTo(Double.parseDouble(raw.get(0).path("sumOpenInterest").asText()));
          assertThat(points.get(0).oiUsd()).isEqualTo(Double.parseDouble(raw.get(0).path("sumOpenInterestValue").asText()));
        }
        oiFiles++;
      } else if (name.equals("takerlongshortRatio.json")) {
        List<TakerVolumePoint> points = BinanceTakerRatioParser.parse(body, market, sink);
        assertThat(points).as(file.toString()).hasSize(raw.size());
        if (!points.isEmpty()) {
          assertThat(points.get(0).timeMs()).isEqualTo(raw.get(0).path("timestamp").asLong());
          assertThat(points.get(0).buyVolume()).isEqualTo(Double.parseDouble(raw.get(0).path("buyVol").asText()));
          assertThat(points.get(0).sellVolume()).isEqualTo(Double.parseDouble(raw.get(0).path("sellVol").asText()));
          assertThat(points.get(0).buySellRatio()).isCloseTo(points.get(0).buyVolume() / points.get(0).sellVolume(), within(0.001));
        }
        takerFiles++;
      } else if (name.equals("premiumIndex.json")) {
        new BinancePremiumIndexParser(new BinanceSymbols(List.of(market))).parse(body, sink);
        assertThat(sink.of(MarketInput.MarkPrice.class)).as(file.toString()).singleElement().satisfies(mark -> {
          assertThat(mark.price()).isEqualTo(Double.parseDouble(raw.path("markPrice").asText()));
          assertThat(mark.timeMs()).isEqualTo(raw.path("time").asLong());
        });
        premiumFiles++;
      } else {
        continue;
      }
      assertThat(sink.malformed).as(file.toString()).isEmpty();
    }
    assertThat(klineFiles).isGreaterThan(10);
    assertThat(oiFiles).isGreaterThan(5);
    assertThat(takerFiles).isGreaterThan(5);
    assertThat(premiumFiles).isGreaterThan(5);
  }
}
