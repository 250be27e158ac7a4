package io.liqheat.ingest.binance;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/** What a parser reported, for assertions: inputs in order, and malformed reports as {@code market|reason}. */
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
}
