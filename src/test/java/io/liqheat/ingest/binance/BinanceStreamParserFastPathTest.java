package io.liqheat.ingest.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.CollectingSink;
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
      for (int length = 0; length < message.length(); length++) {
        assertSameAsTokenParser(message.substring(0, length));
      }
    }
  }

  @Test
  void everySingleByteChangeOfATradeReadsAsTheTokenParserReadsIt() {
    byte[] original = TAKER_BUY.getBytes(StandardCharsets.UTF_8);
    byte[] replacements = " \t0719.-+eE\"\\:,{}[]ntfxS".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < original.length; i++) {
      for (byte replacement : replacements) {
        byte[] changed = original.clone();
        changed[i] = replacement;
        assertSameAsTokenParser(changed);
      }
      byte[] without = new byte[original.length - 1];
      System.arraycopy(original, 0, without, 0, i);
      System.arraycopy(original, i + 1, without, i, original.length - i - 1);
      assertSameAsTokenParser(without);
    }
  }

  private CollectingSink assertSameAsTokenParser(String message) {
    return assertSameAsTokenParser(message.getBytes(StandardCharsets.UTF_8));
  }

  private CollectingSink assertSameAsTokenParser(byte[] message) {
    // Offset inside a larger array, as messages arrive from the WebSocket client.
    byte[] framed = new byte[message.length + 6];
    System.arraycopy(message, 0, framed, 3, message.length);
    framed[message.length + 3] = '}';
    CollectingSink parsed = new CollectingSink();
    parser.parse(framed, 3, message.length, parsed);
    CollectingSink tokens = new CollectingSink();
    parser.parseTokens(message, 0, message.length, tokens);
    String text = new String(message, StandardCharsets.UTF_8);
    assertThat(parsed.inputs).as(text).isEqualTo(tokens.inputs);
    assertThat(parsed.malformed).as(text).isEqualTo(tokens.malformed);
    return parsed;
  }
}
