package io.liqheat.ingest.okx;

import static io.liqheat.ingest.okx.OkxFixtures.BTC_SWAP;
import static io.liqheat.ingest.okx.OkxFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.CollectingSink;
import io.liqheat.ingest.ScannerAgreement;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.sim.LoadFrames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TradesScanner} must change nothing but speed: every frame gives the same inputs and the same
 * malformed reports through the parser as through Jackson's token parser alone, whether the scanner
 * takes it or hands it on.
 */
class OkxStreamParserFastPathTest {

  private static final OkxInstrument LOAD01 = new OkxInstrument(new MarketId(Exchange.OKX, "LOAD01-USDT-SWAP"), 0.01, false);
  // Inverse, so that the price enters the size.
  private static final OkxInstrument LOAD02 = new OkxInstrument(new MarketId(Exchange.OKX, "LOAD02-USD-SWAP"), 100, true);
  private static final String TRADES = read("trades.json");
  private static final String ONE_TRADE = "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":"
      + "\"BTC-USDT-SWAP\",\"tradeId\":\"13\",\"px\":\"64251.3\",\"sz\":\"12\",\"side\":\"buy\",\"ts\":\"1718000000123\",\"count\":\"2\"}]}";

  private final OkxInstruments instruments = new OkxInstruments(Set.of(BTC_SWAP, LOAD01, LOAD02));
  private final OkxStreamParser parser = new OkxStreamParser(instruments, new OkxLastMarks(), error -> {});
  private final ScannerAgreement agreement = new ScannerAgreement(parser::parse, parser::parseTokens);

  @Test
  void theUsualTradeFramesAreTakenByTheScannerAndReadAsTheTokenParserReadsThem() {
    List<String> messages = new ArrayList<>(List.of(TRADES, ONE_TRADE));
    LoadFrames.render(Exchange.OKX, List.of(LOAD01.market(), LOAD02.market()), 20, 20, 1_800_000_000_000L, 7)
        .forEach(frame -> messages.add(frame.text()));

    for (String message : messages) {
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      List<?> trades = TradesScanner.read(bytes, 0, bytes.length, instruments);
      CollectingSink sink = agreement.assertSame(message);
      assertThat(sink.malformed).as(message).isEmpty();
      assertThat(sink.inputs).as(message).isNotEmpty();
      assertThat(trades).as(message).isEqualTo(sink.inputs);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "mark-price.json", "open-interest.json", "open-interest-without-usd.json", "liquidation-orders-hedge.json",
    "liquidation-orders-net.json", "liquidation-orders-other-instrument.json", "subscribe-ack.json",
    "error-event.json", "rate-limited.json"
  })
  void otherFramesAreLeftToTheTokenParser(String name) {
    String message = read(name);
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);

    assertThat(TradesScanner.read(bytes, 0, bytes.length, instruments)).isNull();
    agreement.assertSame(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // whitespace, other orders, channels and instruments, values of other kinds, long and signed numbers
    "pong",
    "{\"arg\": {\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"instId\":\"BTC-USDT-SWAP\",\"channel\":\"trades\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}],\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"}}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}],\"x\":1}",
    "{\"arg\":{\"channel\":\"trades-all\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"ETH-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":\"ETH-USDT-SWAP\",\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":\"LOAD01-USDT-SWAP\",\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":1,\"sz\":2.5,\"side\":\"buy\",\"ts\":3}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"-3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"03\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"12345678901234567890\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3.0\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"6.45e4\",\"sz\":\"+2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1.\",\"sz\":\".2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"NaN\",\"sz\":\"Infinity\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"64500.123456789012345\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"BUY\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"b\\u0075y\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\",\"x\":[1],\"y\":null}]}",
    // missing fields, duplicates, other kinds of data, broken frames, trailing bytes
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"side\":\"buy\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"ts\":\"3\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\",\"px\":\"4\",\"side\":\"sell\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"},{\"px\":\"1\"}]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"},7]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[]}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":{}}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"}}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}]}x",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"}],}",
    "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"px\":\"1\",\"sz\":\"2\",\"side\":\"buy\",\"ts\":\"3\"},]}",
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
