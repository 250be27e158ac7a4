package io.liqheat.ingest.bybit;

import static io.liqheat.ingest.bybit.BybitFixtures.fixture;
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
 * {@link PublicTradeScanner} must change nothing but speed: every frame gives the same inputs and the
 * same malformed reports through the parser as through Jackson's token parser alone, whether the
 * scanner takes it or hands it on.
 */
class BybitStreamParserFastPathTest {

  private static final MarketId BTC = MarketId.parse("bybit:BTCUSDT");
  private static final List<MarketId> LOAD_MARKETS = List.of(
      new MarketId(Exchange.BYBIT, "LOAD01USDT"), new MarketId(Exchange.BYBIT, "LOAD02USDT"));
  private static final String TRADES = fixture("publicTrade.json");
  private static final String ONE_TRADE =
      "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1700000000123,\"data\":[{\"T\":1700000000100,"
          + "\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.015\",\"p\":\"36512.40\",\"L\":\"PlusTick\",\"i\":\"8a3f\",\"BT\":false}]}";

  private final BybitStreamParser parser = new BybitStreamParser(
      BybitMarkets.of(List.of(BTC, LOAD_MARKETS.get(0), LOAD_MARKETS.get(1))), new BybitTickerBook());
  private final ScannerAgreement agreement = new ScannerAgreement(parser::parse, parser::parseTokens);

  @Test
  void theUsualTradeFramesAreTakenByTheScannerAndReadAsTheTokenParserReadsThem() {
    List<String> messages = new ArrayList<>(List.of(TRADES, ONE_TRADE));
    LoadFrames.render(Exchange.BYBIT, LOAD_MARKETS, 20, 20, 1_800_000_000_000L, 7).forEach(frame -> messages.add(frame.text()));

    for (String message : messages) {
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      List<?> trades = PublicTradeScanner.read(bytes, 0, bytes.length, BybitMarkets.of(List.of(BTC, LOAD_MARKETS.get(0))));
      CollectingSink sink = agreement.assertSame(message);
      assertThat(sink.malformed).as(message).isEmpty();
      assertThat(sink.inputs).as(message).isNotEmpty();
      if (!message.contains("LOAD02USDT")) {
        assertThat(trades).as(message).isEqualTo(sink.inputs);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "allLiquidation.json", "tickers-snapshot.json", "tickers-delta-mark.json", "tickers-delta-oi.json",
    "kline-1.json", "pong.json", "subscribe-ack.json", "subscribe-rejected.json", "error-symbol-invalid.json"
  })
  void otherFramesAreLeftToTheTokenParser(String name) {
    String message = fixture(name);
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);

    assertThat(PublicTradeScanner.read(bytes, 0, bytes.length, BybitMarkets.of(List.of(BTC)))).isNull();
    agreement.assertSame(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // whitespace, other orders and topics, unknown symbols, values of other kinds, long and signed numbers
    "{\"topic\": \"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"type\":\"snapshot\",\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}],\"cs\":5}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}],\"type\":\"snapshot\",\"ts\":1}",
    "{\"topic\":\"publicTrade.ETHUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTC.USDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":1,\"ts\":\"1\",\"data\":[{\"T\":\"2\",\"S\":\"Buy\",\"v\":1.5,\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":-1,\"data\":[{\"T\":12345678901234567890,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":01,\"data\":[{\"T\":2.0,\"S\":\"buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"6.45e4\",\"p\":\"+2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1.\",\"p\":\".2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"NaN\",\"p\":\"Infinity\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"64500.123456789012345\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"B\\u0075y\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCÜSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\",\"x\":{\"a\":1},\"BT\":null}]}",
    // missing fields, duplicates, other kinds of data, broken frames, trailing bytes
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"v\":\"1\",\"p\":\"2\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\",\"p\":\"3\",\"S\":\"Sell\"}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"},{\"T\":3}]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"},7]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[]}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{}}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}]}x",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"}],}",
    "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{\"T\":2,\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"},]}",
    "{}", "[]", "", "null"
  })
  void anythingElseReadsExactlyAsTheTokenParserReadsIt(String message) {
    agreement.assertSame(message);
  }

  @Test
  void everyTruncationOfATradeFrameReadsAsTheTokenParserReadsIt() {
    agreement.assertSameForEveryTruncation(TRADES);
  }

  @Test
  void everySingleByteChangeOfATradeFrameReadsAsTheTokenParserReadsIt() {
    agreement.assertSameForEverySingleByteChange(ONE_TRADE);
  }
}
