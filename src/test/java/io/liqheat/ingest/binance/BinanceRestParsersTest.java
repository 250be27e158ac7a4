package io.liqheat.ingest.binance;

import io.liqheat.ingest.CollectingSink;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.BackfillInputs.OpenInterestPoint;
import io.liqheat.ingest.BackfillInputs.RatioPoint;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.MarketInput;
import io.liqheat.market.MarketId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceRestParsersTest {

  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final BinanceSymbols SYMBOLS = new BinanceSymbols(List.of(BTC));

  @Test
  void openInterestIsInBaseUnitsAndValuedAtTheLatestStreamMark() {
    CollectingSink sink = new CollectingSink();
    new BinanceOpenInterestParser(SYMBOLS, market -> 64_000.0).parse(Fixtures.read("openInterest.json"), sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.inputs).containsExactly(new MarketInput.OpenInterest(BTC, 1789988735000L, 98765.432, 98765.432 * 64_000.0));
  }

  @Test
  void openInterestBeforeAnyMarkIsSkippedWithoutBeingMalformed() {
    CollectingSink sink = new CollectingSink();
    new BinanceOpenInterestParser(SYMBOLS, market -> Double.NaN).parse(Fixtures.read("openInterest.json"), sink);

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).isEmpty();
  }

  @Test
  void malformedOpenInterestIsReported() {
    CollectingSink sink = new CollectingSink();
    BinanceOpenInterestParser parser = new BinanceOpenInterestParser(SYMBOLS, market -> 64_000.0);
    String body = Fixtures.read("openInterest.json");
    parser.parse(body.replace("\"98765.432\"", "\"lots\""), sink);
    parser.parse(body.replace("\"time\":1789988735000", "\"time\":true"), sink);
    parser.parse(body.replace("\"openInterest\":\"98765.432\",", ""), sink);
    parser.parse(body.substring(0, 20), sink);
    parser.parse("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", sink);

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).containsExactly("binance:BTCUSDT|non-numeric openInterest", "binance:BTCUSDT|non-numeric time",
        "binance:BTCUSDT|missing field openInterest", "-|invalid json", "-|missing field symbol");
  }

  @Test
  void klinesKeepPricesVolumesAndTheTakerBuyShare() {
    CollectingSink sink = new CollectingSink();
    List<KlineBar> bars = BinanceKlinesParser.parse(Fixtures.read("klines.json"), BTC, sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(bars).containsExactly(
        new KlineBar(1789988580000L, 1789988639999L, 64400.00, 64480.00, 64390.00, 64470.00, 80.250, 45.125, 5171234.56),
        new KlineBar(1789988640000L, 1789988699999L, 64470.00, 64500.00, 64300.00, 64320.50, 95.000, 30.000, 6115678.90));
  }

  @Test
  void malformedKlineRowsAreSkippedAndTheRestKept() {
    String good = "[1789988580000,\"1\",\"2\",\"0.5\",\"1.5\",\"10\",1789988639999,\"15\",3,\"4\",\"6\",\"0\"]";
    String body = "[" + good + ",[1789988640000,\"1\"]," + good.replace("\"2\"", "\"two\"") + ",{\"t\":1}," + good + "]";
    CollectingSink sink = new CollectingSink();

    List<KlineBar> bars = BinanceKlinesParser.parse(body, BTC, sink);

    assertThat(bars).hasSize(2);
    assertThat(sink.malformed).containsExactly("binance:BTCUSDT|short row", "binance:BTCUSDT|non-numeric column 2",
        "binance:BTCUSDT|row not an array");
  }

  @Test
  void truncatedOrErrorBodiesAreReportedOnce() {
    CollectingSink sink = new CollectingSink();
    String klines = Fixtures.read("klines.json");

    assertThat(BinanceKlinesParser.parse(klines.substring(0, klines.length() - 30), BTC, sink)).hasSize(1);
    assertThat(BinanceKlinesParser.parse("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", BTC, sink)).isEmpty();
    assertThat(sink.malformed).containsExactly("binance:BTCUSDT|invalid json", "binance:BTCUSDT|expected array");
  }

  @Test
  void openInterestHistoryHasBaseAndUsdAndAcceptsStringTimestamps() {
    CollectingSink sink = new CollectingSink();
    List<OpenInterestPoint> points = BinanceOpenInterestHistParser.parse(Fixtures.read("open-interest-hist.json"), BTC, sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(points).containsExactly(
        new OpenInterestPoint(1789988400000L, 98765.432, 6048271834.567),
        new OpenInterestPoint(1789988700000L, 98800.123, 6050000000.25));
  }

  @Test
  void accountRatioIsLongsOverShortsAndDerivedFromTheSharesWhenAbsent() {
    CollectingSink sink = new CollectingSink();
    List<RatioPoint> points = BinanceAccountRatioParser.parse(Fixtures.read("globalLongShortAccountRatio.json"), BTC, sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(points).hasSize(2);
    assertThat(points.get(0)).isEqualTo(new RatioPoint(1789988400000L, 1.7933));
    assertThat(points.get(1).timeMs()).isEqualTo(1789988700000L);
    assertThat(points.get(1).longShortRatio()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void thePolledAccountRatioBecomesInputsOfTheCallsMarket() {
    CollectingSink sink = new CollectingSink();
    BinanceAccountRatioParser.forMarket(BTC).parse(Fixtures.read("globalLongShortAccountRatio.json"), sink);

    assertThat(sink.of(MarketInput.LongShortRatio.class)).extracting(MarketInput.LongShortRatio::timeMs)
        .containsExactly(1789988400000L, 1789988700000L);
  }

  @Test
  void malformedRatioRowsAreReported() {
    CollectingSink sink = new CollectingSink();
    String body = "[{\"longShortRatio\":\"abc\",\"timestamp\":1},{\"longShortRatio\":\"1.2\"},{\"timestamp\":3}]";

    assertThat(BinanceAccountRatioParser.parse(body, BTC, sink)).isEmpty();
    assertThat(sink.malformed).containsExactly("binance:BTCUSDT|non-numeric longShortRatio",
        "binance:BTCUSDT|missing field timestamp", "binance:BTCUSDT|missing field longShortRatio");
  }

  @Test
  void takerVolumesAreInBaseUnits() {
    CollectingSink sink = new CollectingSink();
    List<TakerVolumePoint> points = BinanceTakerRatioParser.parse(Fixtures.read("taker-long-short-ratio.json"), BTC, sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(points).containsExactly(new TakerVolumePoint(1789988400000L, 130.2995, 210.5, 0.6190));
    assertThat(BinanceTakerRatioParser.parse("[{\"buyVol\":\"1\",\"timestamp\":2}]", BTC, sink)).isEmpty();
    assertThat(sink.malformed).containsExactly("binance:BTCUSDT|missing field sellVol");
  }

  @Test
  void exchangeInfoTellsTradingPerpetualsFromQuarterliesAndSettlingSymbols() {
    CollectingSink sink = new CollectingSink();
    Map<String, BinanceSymbolInfo> symbols = BinanceExchangeInfoParser.parse(Fixtures.read("exchangeInfo.json"), sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(symbols.keySet()).containsExactly("BTCUSDT", "BTCUSDT_261225", "OLDUSDT");
    assertThat(symbols.get("BTCUSDT").tradingPerpetual()).isTrue();
    assertThat(symbols.get("BTCUSDT_261225").tradingPerpetual()).isFalse();
    assertThat(symbols.get("OLDUSDT").tradingPerpetual()).isFalse();
    assertThat(BinanceExchangeInfoParser.parse("{\"timezone\":\"UTC\"}", sink)).isEmpty();
    assertThat(sink.malformed).containsExactly("-|missing field symbols");
  }

  @Test
  void premiumIndexIsAMarkSnapshot() {
    CollectingSink sink = new CollectingSink();
    new BinancePremiumIndexParser(SYMBOLS).parse(Fixtures.read("premium-index.json"), sink);

    assertThat(sink.inputs).containsExactly(new MarketInput.MarkPrice(BTC, 1789988735000L, 61230.0));
  }

  @Test
  void pollingStretchesOnlyWhenTheMarketsExceedTheBudget() {
    Duration fiveSeconds = Duration.ofSeconds(5);
    assertThat(PollBudget.interval(fiveSeconds, 10, 1, 1200, Duration.ofMinutes(1))).isEqualTo(fiveSeconds);
    // 200 markets every 5 s would be 2400 weight a minute; 1200 allows one round every 10 s.
    assertThat(PollBudget.interval(fiveSeconds, 200, 1, 1200, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void combinedStreamUrlCarriesTwoStreamsPerMarketAndTheLiquidationsOnce() {
    BinanceUrls urls = new BinanceUrls(java.net.URI.create("https://fapi.binance.com"), java.net.URI.create("wss://fstream.binance.com/"));

    assertThat(urls.combinedStream(List.of(BTC, MarketId.parse("binance:ETHUSDT")))).isEqualTo(
        "wss://fstream.binance.com/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s/ethusdt@aggTrade/ethusdt@markPrice@1s/!forceOrder@arr");
    assertThat(urls.klines(BTC, 1000, 61000, BinanceUrls.KLINES_PAGE)).isEqualTo(
        "https://fapi.binance.com/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=1000&endTime=60999&limit=1000");
  }
}
