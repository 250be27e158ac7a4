package io.liqheat.ingest.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.CollectingSink;
import io.liqheat.ingest.ScannerAgreement;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.sim.LoadFrames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AggTradeScanner} must change nothing but speed: every message gives the same inputs and the
 * same malformed reports through the parser as through Jackson's token parser alone, whether the
 * scanner takes it or hands it on.
 */
class BinanceStreamParserFastPathTest {

  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final List<MarketId> LOAD_MARKETS = List.of(
      new MarketId(Exchange.BINANCE, "LOAD01USDT"), new MarketId(Exchange.BINANCE, "LOAD02USDT"));
  private static final String TAKER_BUY = Fixtures.read("aggTrade-taker-buy.json").strip();

  private final BinanceStreamParser parser = new BinanceStreamParser(new BinanceSymbols(
      List.of(BTC, LOAD_MARKETS.get(0), LOAD_MARKETS.get(1))));
  private final ScannerAgreement agreement = new ScannerAgreement(parser::parse, parser::parseTokens);

  @Test
  void theUsualAggTradesAreTakenByTheScannerAndReadAsTheTokenParserReadsThem() {
    List<String> messages = new ArrayList<>(List.of(TAKER_BUY, Fixtures.read("aggTrade-taker-sell.json").strip(),
        Fixtures.read("aggTrade-raw.json").strip()));
    LoadFrames.render(Exchange.BINANCE, LOAD_MARKETS, 50, 1, 1_800_000_000_000L, 7).forEach(frame -> messages.add(frame.text()));

    for (String message : messages) {
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      assertThat(AggTradeScanner.read(bytes, 0, bytes.length, new StreamEvent())).as(message).isTrue();
      CollectingSink sink = assertSameAsTokenParser(message);
      assertThat(sink.inputs).as(message).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "markPriceUpdate.json", "forceOrder-long-liquidated.json", "forceOrder-short-liquidated.json",
    "forceOrder-other-symbol.json", "kline-stream.json", "subscribe-ack.json"
  })
  void otherMessagesAreLeftToTheTokenParser(String fixture) {
    String message = Fixtures.read(fixture).strip();
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);

    assertThat(AggTradeScanner.read(bytes, 0, bytes.length, new StreamEvent())).isFalse();
    assertSameAsTokenParser(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // whitespace, unknown and acknowledgement fields, values of other kinds, long and signed numbers
    "{\"stream\":\"btcusdt@aggTrade\", \"data\":{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1.5\",\"q\":\"2\",\"T\":3,\"m\":true}}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1.5\",\"q\":\"2\",\"T\":3,\"m\":true,\"nq\":\"2\",\"x\":null} ",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1.5\",\"q\":\"2\",\"T\":3,\"m\":true,\"id\":7}",
    "{\"e\":\"aggTrade\",\"E\":\"1\",\"s\":\"BTCUSDT\",\"p\":1.5,\"q\":\"2\",\"T\":\"3\",\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"6.45e4\",\"q\":\"+2\",\"T\":3,\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"64500.123456789012345\",\"q\":\"0.1\",\"T\":3,\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1234567890123456\",\"q\":\"0.1\",\"T\":3,\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1.\",\"q\":\".1\",\"T\":3,\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"NaN\",\"q\":\"Infinity\",\"T\":3,\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":-1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":12345678901234567890,\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":01,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3.0,\"m\":false}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTC\\u0055SDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":\"true\"}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":null}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCÜSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true}",
    // missing fields, other types, duplicates, an order, broken envelopes, trailing bytes
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"q\":\"1\",\"m\":true}",
    "{\"e\":\"aggTrade\",\"E\":1,\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"ETHUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true,\"e\":\"kline\"}",
    "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true,\"o\":{\"s\":\"BTCUSDT\"}}",
    "{\"stream\":\"x\",\"data\":{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true}}}",
    "{\"stream\":\"x\",\"data\":{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true},}",
    "{\"stream\":{\"a\":1},\"data\":{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true}}",
    "{\"stream\":\"x\",\"data\":[],\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":3,\"m\":true}",
    "{}", "[]", "", "null", "{\"e\":\"aggTrade\"}x"
  })
  void anythingElseReadsExactlyAsTheTokenParserReadsIt(String message) {
    assertSameAsTokenParser(message);
  }

  @Test
  void everyTruncationOfATradeReadsAsTheTokenParserReadsIt() {
    for (String message : List.of(TAKER_BUY, Fixtures.read("aggTrade-raw.json").strip())) {
      agreement.assertSameForEveryTruncation(message);
    }
  }

  @Test
  void everySingleByteChangeOfATradeReadsAsTheTokenParserReadsIt() {
    agreement.assertSameForEverySingleByteChange(TAKER_BUY);
  }

  private CollectingSink assertSameAsTokenParser(String message) {
    return agreement.assertSame(message);
  }
}
