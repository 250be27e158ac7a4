package io.liqheat.ingest.okx;

import static io.liqheat.ingest.okx.OkxFixtures.BTC;
import static io.liqheat.ingest.okx.OkxFixtures.BTC_SWAP;
import static io.liqheat.ingest.okx.OkxFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.liqheat.ingest.MarketInput;
import io.liqheat.market.MarketId;
import io.liqheat.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OkxStreamParserTest {

  private final List<String> errors = new ArrayList<>();
  private final OkxLastMarks marks = new OkxLastMarks();
  private final OkxStreamParser parser = new OkxStreamParser(new OkxInstruments(Set.of(BTC_SWAP)), marks, errors::add);

  private OkxFixtures.Recorder parse(String message) {
    OkxFixtures.Recorder recorder = new OkxFixtures.Recorder();
    parser.parse(message, recorder);
    return recorder;
  }

  @Test
  void realCapturesAreAbsentSoTheFixturesStandIn() {
    // No OKX capture exists in ../shared/data (see SOURCES.md); this skips with a message until one does.
    SharedData.require("captures/OKX.jsonl");
  }

  @Test
  void tradesAreInBaseUnitsWithTheTakerSide() {
    OkxFixtures.Recorder result = parse(read("trades.json"));

    assertThat(result.malformed).isEmpty();
    assertThat(result.inputs).containsExactly(
        // sz 12 contracts × ctVal 0.01 BTC; side "buy" is the taker's
        new MarketInput.Trade(BTC, 1718000000123L, 64251.3, 12 * 0.01, true),
        new MarketInput.Trade(BTC, 1718000000456L, 64250.9, 0.5 * 0.01, false));
  }

  @Test
  void markPrice() {
    OkxFixtures.Recorder result = parse(read("mark-price.json"));

    assertThat(result.malformed).isEmpty();
    assertThat(result.inputs).containsExactly(new MarketInput.MarkPrice(BTC, 1718000000200L, 64248.7));
    assertThat(marks.latest(BTC)).isEqualTo(64248.7);
  }

  @Test
  void openInterestTakesOkxsBaseAndUsdValues() {
    OkxFixtures.Recorder result = parse(read("open-interest.json"));

    assertThat(result.malformed).isEmpty();
    assertThat(result.inputs).containsExactly(
        new MarketInput.OpenInterest(BTC, 1718000003000L, 26602.3959, 1709342301.25));
  }

  @Test
  void openInterestWithoutUsdIsValuedAtTheLatestMark() {
    OkxFixtures.Recorder before = parse(read("open-interest-without-usd.json"));
    assertThat(before.inputs).isEmpty();
    assertThat(before.malformed).extracting(OkxFixtures.Malformed::reason)
        .containsExactly("oiUsd missing before the first mark price");

    parse(read("mark-price.json"));
    OkxFixtures.Recorder after = parse(read("open-interest-without-usd.json"));

    assertThat(after.malformed).isEmpty();
    MarketInput.OpenInterest oi = (MarketInput.OpenInterest) after.inputs.get(0);
    assertThat(oi.oiBase()).isCloseTo(2660239.59 * 0.01, within(1e-6));
    assertThat(oi.oiUsd()).isCloseTo(2660239.59 * 0.01 * 64248.7, within(1e-3));
  }

  @Test
  void hedgeModeLiquidationsNameTheClosedPositionInPosSide() {
    OkxFixtures.Recorder result = parse(read("liquidation-orders-hedge.json"));

    assertThat(result.malformed).isEmpty();
    assertThat(result.inputs).containsExactly(
        new MarketInput.Liquidation(BTC, 1718000001000L, true, 63120.5, 150 * 0.01),
        new MarketInput.Liquidation(BTC, 1718000001500L, false, 65380.1, 20 * 0.01));
  }

  @Test
  void netModeLiquidationsAreToldByTheOrderSide() {
    OkxFixtures.Recorder result = parse(read("liquidation-orders-net.json"));

    assertThat(result.malformed).isEmpty();
    // A liquidated long is closed by a sell order, a liquidated short by a buy.
    assertThat(result.inputs).containsExactly(
        new MarketInput.Liquidation(BTC, 1718000002000L, true, 63110, 3 * 0.01),
        new MarketInput.Liquidation(BTC, 1718000002500L, false, 65390, 7 * 0.01));
  }

  @ParameterizedTest
  @CsvSource({"sell,long,true", "buy,long,true", "buy,short,false", "sell,short,false", "sell,net,true",
      "buy,net,false", "sell,,true", "buy,,false"})
  void sideSemantics(String side, String posSide, boolean longLiquidated) {
    assertThat(OkxStreamParser.longLiquidated(side, posSide)).isEqualTo(longLiquidated);
  }

  @Test
  void liquidationsOfInstrumentsNotConfiguredAreIgnoredSilently() {
    OkxFixtures.Recorder result = parse(read("liquidation-orders-other-instrument.json"));

    assertThat(result.inputs).isEmpty();
    assertThat(result.malformed).isEmpty();
  }

  @Test
  void dataOfOtherInstrumentsIsIgnoredSilently() {
    OkxFixtures.Recorder result = parse(read("trades.json").replace("BTC-USDT-SWAP", "ETH-USDT-SWAP"));

    assertThat(result.inputs).isEmpty();
    assertThat(result.malformed).isEmpty();
  }

  @Test
  void controlFramesAreNeitherDataNorMalformed() {
    OkxFixtures.Recorder pong = parse("pong");
    OkxFixtures.Recorder ack = parse(read("subscribe-ack.json"));

    assertThat(pong.inputs).isEmpty();
    assertThat(pong.malformed).isEmpty();
    assertThat(ack.inputs).isEmpty();
    assertThat(ack.malformed).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void errorEventsAreFailuresNotMalformedData() {
    OkxFixtures.Recorder result = parse(read("error-event.json"));

    assertThat(result.inputs).isEmpty();
    assertThat(result.malformed).isEmpty();
    assertThat(errors).singleElement().asString().contains("60018");
  }

  @Test
  void dataBeforeArgIsStillRead() {
    String reordered = "{\"data\":[{\"instType\":\"SWAP\",\"instId\":\"BTC-USDT-SWAP\",\"markPx\":\"64248.7\","
        + "\"ts\":\"1718000000200\"}],\"arg\":{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT-SWAP\"}}";

    OkxFixtures.Recorder result = parse(reordered);

    assertThat(result.malformed).isEmpty();
    assertThat(result.inputs).containsExactly(new MarketInput.MarkPrice(BTC, 1718000000200L, 64248.7));
  }

  @Test
  void inverseContractsAreWorthCtValUsd() {
    MarketId inverse = MarketId.parse("okx:BTC-USD-SWAP");
    OkxStreamParser inverseParser = new OkxStreamParser(
        new OkxInstruments(Set.of(new OkxInstrument(inverse, 100, true))), marks, errors::add);
    OkxFixtures.Recorder result = new OkxFixtures.Recorder();

    inverseParser.parse(read("trades.json").replace("BTC-USDT-SWAP", "BTC-USD-SWAP"), result);

    MarketInput.Trade trade = (MarketInput.Trade) result.inputs.get(0);
    assertThat(trade.size()).isCloseTo(12 * 100 / 64251.3, within(1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing field px|unused|unused",
      "non-numeric sz|\"sz\":\"12\"|\"sz\":\"twelve\"",
      "wrong type px|\"px\":\"64251.3\"|\"px\":{\"v\":1}",
      "missing field ts|,\"ts\":\"1718000000123\"|",
      "non-numeric ts|\"ts\":\"1718000000123\"|\"ts\":\"soon\"",
      "bad side|\"side\":\"buy\"|\"side\":\"up\""})
  void malformedTradesAreCountedWithAReasonAndSkipped(String reason, String from, String to) {
    String trade = read("trades.json");
    String broken = reason.equals("missing field px") ? trade.replaceFirst("\"px\":\"64251.3\",", "")
        : trade.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to == null ? "" : to));

    OkxFixtures.Recorder result = parse(broken);

    assertThat(result.malformed).containsExactly(new OkxFixtures.Malformed(BTC, reason));
    // The row's neighbour in the same frame is still read.
    assertThat(result.inputs).hasSize(1);
  }

  @Test
  void truncatedJsonIsMalformed() {
    String trade = read("trades.json");

    OkxFixtures.Recorder result = parse(trade.substring(0, trade.length() / 2));

    assertThat(result.malformed).extracting(OkxFixtures.Malformed::reason).containsExactly("invalid JSON");
  }

  @Test
  void otherShapesAreMalformed() {
    assertThat(parse("[1,2]").malformed).extracting(OkxFixtures.Malformed::reason).containsExactly("not a JSON object");
    assertThat(parse("{\"foo\":1}").malformed).extracting(OkxFixtures.Malformed::reason)
        .containsExactly("unexpected message");
    assertThat(parse("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":{}}").malformed)
        .containsExactly(new OkxFixtures.Malformed(BTC, "wrong type data"));
    assertThat(parse("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[]}").malformed)
        .containsExactly(new OkxFixtures.Malformed(BTC, "unexpected channel books"));
    String liquidation = read("liquidation-orders-hedge.json").replace("\"bkPx\":\"63120.5\"", "\"bkPx\":true");
    OkxFixtures.Recorder broken = parse(liquidation);
    assertThat(broken.malformed).containsExactly(new OkxFixtures.Malformed(BTC, "wrong type bkPx"));
    assertThat(broken.inputs).hasSize(1);
  }
}
