package io.liqheat.cli;

import io.liqheat.ingest.MessageParser;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.util.List;

/** Each exchange's stream parser, set up for the load test's markets as its connector would set it up. */
final class LoadParsers {

  private LoadParsers() {}

  static MessageParser streamParser(Exchange exchange, List<MarketId> markets) {
    throw new UnsupportedOperationException("no stream parser for " + exchange.id() + " yet");
  }
}
