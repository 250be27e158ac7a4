package io.liqheat.ingest.okx;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The project's own OKX fixtures (hand-written from OKX's API docs) and a sink that records what a parser made. */
final class OkxFixtures {

  static final MarketId BTC = MarketId.parse("okx:BTC-USDT-SWAP");
  static final OkxInstrument BTC_SWAP = new OkxInstrument(BTC, 0.01, false);

  private OkxFixtures() {}

  static String read(String name) {
    try (InputStream in = OkxFixtures.class.getResourceAsStream("/fixtures/okx/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Malformed(MarketId market, String reason) {}

  static final class Recorder implements ParseSink {
    final List<MarketInput> inputs = new ArrayList<>();
    final List<Malformed> malformed = new ArrayList<>();

    @Override
    public void input(MarketInput input) {
      inputs.add(input);
    }

    @Override
    public void malformed(MarketId market, String reason) {
      malformed.add(new Malformed(market, reason));
    }
  }
}
