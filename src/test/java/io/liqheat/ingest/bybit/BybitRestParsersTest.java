package io.liqheat.ingest.bybit;

import io.liqheat.ingest.CollectingSink;
import static io.liqheat.ingest.bybit.BybitFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.MarketInput;
import io.liqheat.market.MarketId;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BybitRestParsersTest {

  private static final MarketId BTC = MarketId.parse("bybit:BTCUSDT");

  @Test
  void theAccountRatioIsBuyRatioOverSellRatioOldestFirst() {
    CollectingSink sink = new CollectingSink();
    new BybitRatioParser(BTC).parse(fixture("account-ratio.json"), sink);

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.of(MarketInput.LongShortRatio.class)).extracting(MarketInput.LongShortRatio::timeMs)
        .containsExactly(1699999800000L, 1700000100000L);
    assertThat(sink.of(MarketInput.LongShortRatio.class).get(1).longShortRatio())
        .isCloseTo(0.56 / 0.44, Offset.offset(1e-12));
  }

  @Test
  void anApiErrorIsCountedAgainstThePolledMarket() {
    CollectingSink sink = new CollectingSink();
    new BybitRatioParser(BTC).parse(fixture("error-symbol-invalid.json"), sink);

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).containsExactly("bybit:BTCUSDT|retCode 10001");
  }

  @Test
  void openInterestHistoryIsInBaseUnitsOldestFirst() {
    assertThat(BybitOpenInterestParser.samples(fixture("open-interest.json"))).containsExactly(
        new BybitOpenInterestSample(1699999800000L, 51200.5), new BybitOpenInterestSample(1700000100000L, 51240.001));
  }

  @Test
  void klinesAreOneMinuteBarsOldestFirstWithTurnoverAsQuoteVolumeAndNoTakerVolume() {
    List<KlineBar> bars = BybitKlineParser.bars(fixture("kline-rest.json"));

    assertThat(bars).hasSize(2);
    assertThat(bars.get(0)).isEqualTo(new KlineBar(1700000000000L, 1700000059999L, 36500.0, 36520.0, 36490.5, 36512.4,
        12.345, Double.NaN, 450712.33));
    assertThat(bars.get(1).openTimeMs()).isEqualTo(1700000060000L);
  }

  @Test
  void instrumentsTellWhetherASymbolIsTrading() {
    assertThat(BybitInstrumentsParser.instruments(fixture("instruments-info.json")))
        .containsExactly(new BybitInstrument("BTCUSDT", "LinearPerpetual", "Trading", "BTC", "USDT"))
        .allMatch(BybitInstrument::trading);
  }

  @Test
  void historyOpenInterestIsValuedAtTheCloseOfTheMinuteBeforeIt() {
    List<KlineBar> bars = BybitKlineParser.bars(fixture("kline-rest.json"));
    List<BackfillInputs.OpenInterestPoint> points = BybitHistory.valued(
        List.of(new BybitOpenInterestSample(1700000120000L, 2), new BybitOpenInterestSample(1700000060000L, 3),
            new BybitOpenInterestSample(1699999000000L, 4)), bars);

    assertThat(points).extracting(BackfillInputs.OpenInterestPoint::oiUsd)
        .containsExactly(2 * 36525.1, 3 * 36512.4, 4 * 36512.4);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{\"retCode\":10001,\"retMsg\":\"params error: symbol invalid\",\"result\":{}}|retCode 10001",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"symbol\":\"BTCUSDT\",\"sellRatio\":\"0.4\",\"timestamp\":\"1\"}]}}|account-ratio missing field buyRatio",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"buyRatio\":\"x\",\"sellRatio\":\"0.4\",\"timestamp\":\"1\"}]}}|account-ratio non-numeric buyRatio",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"buyRatio\":\"0.6\",\"sellRatio\":\"0\",\"timestamp\":\"1\"}]}}|account-ratio ratio out of range",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":{}}}|account-ratio missing field list",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"buyRatio\":true,\"sellRatio\":\"0.4\",\"timestamp\":\"1\"}]}}|account-ratio wrong type buyRatio",
      "{\"retMsg\":\"OK\",\"result\":{\"list\":[]}}|account-ratio missing field retCode",
      "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[|invalid JSON",
  })
  void malformedOrErrorAnswersAreReportedWithAReason(String body, String reason) {
    CollectingSink sink = new CollectingSink();
    new BybitRatioParser(BTC).parse(body, sink);

    assertThat(sink.malformed).containsExactly("bybit:BTCUSDT|" + reason);
    assertThat(sink.inputs).isEmpty();
  }

  @Test
  void malformedKlineAndOpenInterestAnswersThrowWithAReason() {
    assertThatThrownBy(() -> BybitKlineParser.bars(
        "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[[\"1\",\"2\",\"3\"]]}}"))
        .isInstanceOfSatisfying(BybitResponseException.class,
            e -> assertThat(e.reason()).isEqualTo("kline row not a 7-element array"));
    assertThatThrownBy(() -> BybitKlineParser.bars(
        "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[[\"1\",\"2\",\"3\",\"4\",\"x\",\"6\",\"7\"]]}}"))
        .isInstanceOfSatisfying(BybitResponseException.class,
            e -> assertThat(e.reason()).isEqualTo("kline non-numeric close"));
    assertThatThrownBy(() -> BybitOpenInterestParser.samples(
        "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"timestamp\":\"1\"}]}}"))
        .isInstanceOfSatisfying(BybitResponseException.class,
            e -> assertThat(e.reason()).isEqualTo("open-interest missing field openInterest"));
    assertThatThrownBy(() -> BybitInstrumentsParser.instruments(fixture("error-symbol-invalid.json")))
        .isInstanceOfSatisfying(BybitResponseException.class, e -> assertThat(e.retCode()).isEqualTo(10001));
  }

  @Test
  void subscriptionsAreChunkedToTheArgsLimit() {
    List<MarketId> markets = List.of(BTC, MarketId.parse("bybit:ETHUSDT"), MarketId.parse("bybit:SOLUSDT"),
        MarketId.parse("bybit:DOGEUSDT"));

    List<String> frames = BybitSubscriptions.frames(markets, 10);

    assertThat(frames).hasSize(2);
    assertThat(frames.get(0)).startsWith("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\",\"tickers.BTCUSDT\","
        + "\"allLiquidation.BTCUSDT\"");
    assertThat(frames.get(1)).isEqualTo("{\"op\":\"subscribe\",\"args\":[\"tickers.DOGEUSDT\",\"allLiquidation.DOGEUSDT\"],"
        + "\"req_id\":\"sub-2\"}");
  }
}
