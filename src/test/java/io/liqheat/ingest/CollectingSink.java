package io.liqheat.ingest;

import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/** What a parser reported, for assertions: inputs in order, and malformed reports as {@code market|reason}. */
public final class CollectingSink implements ParseSink {

  public final List<MarketInput> inputs = new ArrayList<>();
  public final List<String> malformed = new ArrayList<>();

  @Override
  public void input(MarketInput input) {
    inputs.add(input);
  }

  @Override
  public void malformed(MarketId market, String reason) {
    malformed.add((market == null ? "-" : market.toString()) + "|" + reason);
  }

  public <T extends MarketInput> List<T> of(Class<T> type) {
    return inputs.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
