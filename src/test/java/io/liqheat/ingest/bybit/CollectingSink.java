package io.liqheat.ingest.bybit;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a parser reported, for assertions; also reads this package's fixtures. */
final class CollectingSink implements ParseSink {

  final List<MarketInput> inputs = new ArrayList<>();
  final List<String> malformed = new ArrayList<>();

  @Override
  public void input(MarketInput input) {
    inputs.add(input);
  }

  @Override
  public void malformed(MarketId market, String reason) {
    malformed.add((market == null ? "-" : market.toString()) + "|" + reason);
  }

  <T extends MarketInput> List<T> of(Class<T> type) {
    return inputs.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static String fixture(String name) {
    try (InputStream in = CollectingSink.class.getResourceAsStream("/fixtures/bybit/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
