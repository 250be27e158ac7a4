package io.liqheat.ingest.binance;

import io.liqheat.ingest.ConnectorMonitor;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;

/** The sink of parsers that return rows rather than inputs (history, exchangeInfo): only malformed reports count. */
final class MalformedToMonitor implements ParseSink {

  private final ConnectorMonitor monitor;

  MalformedToMonitor(ConnectorMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public void input(MarketInput input) {
    // These parsers hand back rows; nothing arrives here.
  }

  @Override
  public void malformed(MarketId market, String reason) {
    monitor.malformed(market, reason);
  }
}
