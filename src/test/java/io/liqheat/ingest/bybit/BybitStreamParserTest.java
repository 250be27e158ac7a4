package io.liqheat.ingest.bybit;

import io.liqheat.ingest.CollectingSink;
import static io.liqheat.ingest.bybit.BybitFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.MarketInput;
import io.liqheat.market.MarketId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BybitStreamParserTest {

  private static final MarketId BTC = MarketId.parse("bybit:BTCUSDT");
  private final BybitTickerBook book = new BybitTickerBook();
  private final BybitStreamParser parser = new BybitStreamParser(BybitMarkets.of(List.of(BTC)), book);

  private CollectingSink parse(String... messages) {
    CollectingSink sink = new CollectingSink();
    for (String message : messages) {
      parser.parse(message, sink);
    }
    return sink;
  }

  @Test
  void tradesCarryTheTakerSideSizesInBaseAndTheirOwnTimes() {
    CollectingSink sink = parse(fixture("publicTrade.json"));

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.inputs).containsExactly(
        new MarketInput.Trade(BTC, 1700000000100L, 36512.40, 0.015, true),
        new MarketInput.Trade(BTC, 1700000000120L, 36512.30, 1.250, false));
  }

  @Test
  void aBuyLiquidationClosedALongAndASellOneAShort() {
    // Bybit, allLiquidation: "S: Position side. When you receive a Buy update, this means that a long
    // position has been liquidated" (the opposite of the taker side in publicTrade).
    CollectingSink sink = parse(fixture("allLiquidation.json"));

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.inputs).containsExactly(
        new MarketInput.Liquidation(BTC, 1700000000950L, true, 36400.10, 0.500),
        new MarketInput.Liquidation(BTC, 1700000000990L, false, 36620.00, 0.020));
  }

  @Test
  void aTickerSnapshotGivesTheMarkAndOpenInterestInBaseAndUsdAtTs() {
    CollectingSink sink = parse(fixture("tickers-snapshot.json"));

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.inputs).containsExactly(
        new MarketInput.MarkPrice(BTC, 1700000000200L, 36510.55),
        new MarketInput.OpenInterest(BTC, 1700000000200L, 51234.567, 1870603148.32));
  }

  @Test
  void tickerDeltasAreMergedIntoTheSnapshotAndOnlyChangedOpenInterestIsReported() {
    CollectingSink sink = parse(fixture("tickers-snapshot.json"), fixture("tickers-delta-mark.json"),
        fixture("tickers-delta-book.json"), fixture("tickers-delta-oi.json"));

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.of(MarketInput.MarkPrice.class)).extracting(MarketInput.MarkPrice::price)
        .containsExactly(36510.55, 36511.05);
    // The mark-only and book-only deltas do not repeat the open interest; the OI delta does.
    assertThat(sink.of(MarketInput.OpenInterest.class)).containsExactly(
        new MarketInput.OpenInterest(BTC, 1700000000200L, 51234.567, 1870603148.32),
        new MarketInput.OpenInterest(BTC, 1700000000400L, 51240.001, 1870825562.26));
    assertThat(book.get(BTC).markPrice()).isEqualTo(36511.05);
    assertThat(book.get(BTC).openInterest()).isEqualTo(51240.001);
  }

  @Test
  void aDeltaWithOnlyBaseOpenInterestKeepsTheLastUsdValue() {
    String baseOnly = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":\"BTCUSDT\","
        + "\"openInterest\":\"51300\"},\"cs\":1,\"ts\":1700000000600}";
    CollectingSink sink = parse(fixture("tickers-snapshot.json"), baseOnly);

    assertThat(sink.of(MarketInput.OpenInterest.class)).last()
        .isEqualTo(new MarketInput.OpenInterest(BTC, 1700000000600L, 51300, 1870603148.32));
  }

  @Test
  void aDeltaBeforeAnySnapshotWithoutOpenInterestInBaseReportsOnlyTheMark() {
    CollectingSink sink = parse(fixture("tickers-delta-mark.json"));

    assertThat(sink.inputs).containsExactly(new MarketInput.MarkPrice(BTC, 1700000000300L, 36511.05));
    assertThat(sink.malformed).isEmpty();
  }

  @Test
  void acknowledgementsPongsOtherTopicsAndOtherSymbolsGiveNothingAndAreNotMalformed() {
    String otherSymbol = fixture("publicTrade.json").replace("BTCUSDT", "ETHUSDT");
    CollectingSink sink = parse(fixture("subscribe-ack.json"), fixture("pong.json"), fixture("kline-1.json"),
        "{\"topic\":\"orderbook.200.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"s\":\"BTCUSDT\",\"b\":[],\"a\":[]}}",
        otherSymbol);

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).isEmpty();
  }

  @Test
  void aRejectedSubscriptionIsCounted() {
    assertThat(parse(fixture("subscribe-rejected.json")).malformed).containsExactly("-|op subscribe failed");
  }

  @Test
  void theTopicMayFollowTheData() {
    String reordered = "{\"type\":\"snapshot\",\"ts\":5,\"data\":[{\"T\":4,\"s\":\"BTCUSDT\",\"S\":\"Sell\","
        + "\"v\":\"2\",\"p\":\"100.5\"}],\"topic\":\"publicTrade.BTCUSDT\"}";

    assertThat(parse(reordered).inputs).containsExactly(new MarketInput.Trade(BTC, 4, 100.5, 2, false));
  }

  @Test
  void bareJsonNumbersAreAcceptedWhereBybitSendsStrings() {
    String numeric = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":5,\"data\":[{\"T\":\"4\","
        + "\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":2,\"p\":100.5}]}";

    assertThat(parse(numeric).inputs).containsExactly(new MarketInput.Trade(BTC, 4, 100.5, 2, true));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Buy\",\"v\":\"1\"}]}|bybit:BTCUSDT|publicTrade missing field p",
      "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"abc\"}]}|bybit:BTCUSDT|publicTrade non-numeric p",
      "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Buy\",\"v\":[1],\"p\":\"1\"}]}|bybit:BTCUSDT|publicTrade wrong type v",
      "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Up\",\"v\":\"1\",\"p\":\"1\"}]}|bybit:BTCUSDT|publicTrade bad side",
      "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1,\"data\":{\"T\":1}}|bybit:BTCUSDT|publicTrade data not an array",
      "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1}|bybit:BTCUSDT|publicTrade missing field data",
      "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"1\"|bybit:BTCUSDT|invalid JSON",
      "{\"topic\":\"allLiquidation.BTCUSDT\",\"ts\":1,\"data\":[{\"T\":1,\"S\":\"Buy\",\"p\":\"1\"}]}|bybit:BTCUSDT|allLiquidation missing field v",
      "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"markPrice\":\"x\"},\"ts\":1}|bybit:BTCUSDT|tickers non-numeric markPrice",
      "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"markPrice\":\"1\"}}|bybit:BTCUSDT|tickers missing field ts",
      "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":[],\"ts\":1}|bybit:BTCUSDT|tickers data not an object",
      "{\"topic\":7,\"data\":[]}|-|wrong type topic",
      "{\"type\":\"snapshot\",\"data\":[]}|-|no topic",
      "[1,2,3]|-|not a JSON object",
      "{\"topic\":\"publicTr|-|invalid JSON",
  })
  void malformedFramesAreReportedWithAReasonAndGiveNothing(String message, String market, String reason) {
    CollectingSink sink = parse(message);

    assertThat(sink.malformed).containsExactly(market + "|" + reason);
    assertThat(sink.inputs).isEmpty();
  }

  @Test
  void aFrameWithOneBadTradeIsSkippedWhole() {
    String oneBad = fixture("publicTrade.json").replace("\"v\":\"1.250\"", "\"v\":\"\"");
    CollectingSink sink = parse(oneBad);

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).containsExactly("bybit:BTCUSDT|publicTrade non-numeric v");
  }
}
