package io.liqheat.ingest.binance;

import io.liqheat.ingest.CollectingSink;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.MarketInput;
import io.liqheat.market.MarketId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinanceStreamParserTest {

  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private final BinanceStreamParser parser = new BinanceStreamParser(new BinanceSymbols(List.of(BTC)));

  private CollectingSink parse(String... messages) {
    CollectingSink sink = new CollectingSink();
    for (String message : messages) {
      // As the connector hands them on: bytes, through the aggTrade scanner first.
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      parser.parse(bytes, 0, bytes.length, sink);
    }
    return sink;
  }

  @Test
  void buyerIsMakerMeansTheTakerSold() {
    CollectingSink sink = parse(Fixtures.read("aggTrade-taker-sell.json"));

    assertThat(sink.malformed).isEmpty();
    assertThat(sink.inputs).containsExactly(new MarketInput.Trade(BTC, 1789988735118L, 64500.10, 0.250, false));
  }

  @Test
  void buyerIsTakerMeansTheTakerBought() {
    CollectingSink sink = parse(Fixtures.read("aggTrade-taker-buy.json"));

    assertThat(sink.inputs).containsExactly(new MarketInput.Trade(BTC, 1789988735199L, 64500.20, 1.002, true));
  }

  @Test
  void rawStreamMessagesWithoutTheCombinedEnvelopeParseToo() {
    CollectingSink sink = parse(Fixtures.read("aggTrade-raw.json"));

    assertThat(sink.inputs).containsExactly(new MarketInput.Trade(BTC, 1789988735300L, 64499.90, 0.004, false));
  }

  @Test
  void markPriceUsesTheMarkAtEventTimeNotTheFundingTime() {
    CollectingSink sink = parse(Fixtures.read("markPriceUpdate.json"));

    assertThat(sink.inputs).containsExactly(new MarketInput.MarkPrice(BTC, 1789988736000L, 64501.23456789));
  }

  @Test
  void aSellLiquidationOrderClosedALongWithItsFilledSizeAndAveragePrice() {
    CollectingSink sink = parse(Fixtures.read("forceOrder-long-liquidated.json"));

    assertThat(sink.inputs).containsExactly(new MarketInput.Liquidation(BTC, 1789988737498L, true, 64180.50, 0.300));
  }

  @Test
  void aBuyLiquidationOrderWithNothingFilledYetFallsBackToOrderQuantityAndPrice() {
    CollectingSink sink = parse(Fixtures.read("forceOrder-short-liquidated.json"));

    assertThat(sink.inputs).containsExactly(new MarketInput.Liquidation(BTC, 1789988738499L, false, 64900.00, 0.020));
  }

  @Test
  void acknowledgementsOtherStreamsAndOtherSymbolsAreIgnoredWithoutBeingMalformed() {
    CollectingSink sink = parse(
        Fixtures.read("subscribe-ack.json"),
        Fixtures.read("kline-stream.json"),
        Fixtures.read("forceOrder-other-symbol.json"),
        Fixtures.read("aggTrade-taker-buy.json").replace("BTCUSDT", "ETHUSDT"));

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).isEmpty();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "\"p\":\"64500.10\",||binance:BTCUSDT|missing field p",
      "\"p\":\"64500.10\"|\"p\":\"64,500.10\"|binance:BTCUSDT|non-numeric p",
      "\"q\":\"0.250\"|\"q\":[0.25]|binance:BTCUSDT|non-numeric q",
      "\"T\":1789988735118|\"T\":\"soon\"|binance:BTCUSDT|non-numeric T",
      "\"m\":true|\"m\":\"true\"|binance:BTCUSDT|wrong type m",
      "\"s\":\"BTCUSDT\",||-|missing field s",
  }, emptyValue = "")
  void malformedTradesAreReportedWithMarketAndReasonAndSkipped(String find, String replace, String market, String reason) {
    String message = Fixtures.read("aggTrade-taker-sell.json").replace(find, replace == null ? "" : replace);

    CollectingSink sink = parse(message, Fixtures.read("aggTrade-taker-buy.json"));

    assertThat(sink.malformed).containsExactly(market + "|" + reason);
    assertThat(sink.inputs).as("the next message still parses").hasSize(1);
  }

  @Test
  void malformedMarksAndLiquidationsAreReported() {
    CollectingSink sink = parse(
        Fixtures.read("markPriceUpdate.json").replace("\"p\":\"64501.23456789\"", "\"p\":null"),
        Fixtures.read("forceOrder-long-liquidated.json").replace("\"S\":\"SELL\"", "\"S\":\"SIDEWAYS\""),
        Fixtures.read("forceOrder-long-liquidated.json").replace("\"p\":\"64100.00\",\"ap\":\"64180.50\"", "\"p\":\"x\",\"ap\":\"y\""));

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).containsExactly(
        "binance:BTCUSDT|non-numeric p", "binance:BTCUSDT|unknown side o.S", "binance:BTCUSDT|non-numeric o.p");
  }

  @Test
  void brokenJsonAndUnexpectedShapesAreReportedWithoutAMarket() {
    String trade = Fixtures.read("aggTrade-taker-sell.json");
    CollectingSink sink = parse(
        trade.substring(0, trade.length() / 2),
        "[1,2,3]",
        "{\"hello\":\"world\"}",
        "",
        trade + "}");

    assertThat(sink.inputs).isEmpty();
    assertThat(sink.malformed).containsExactly(
        "-|invalid json", "-|not a JSON object", "-|unexpected message", "-|not a JSON object", "-|invalid json");
  }
}
