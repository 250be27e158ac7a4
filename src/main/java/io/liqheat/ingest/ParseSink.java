package io.liqheat.ingest;

import io.liqheat.market.MarketId;

/**
 * Where a parser puts what it found in one wire message. A parser never throws on bad input: it
 * reports the message as malformed with a short, stable reason (e.g. {@code "missing field p"}),
 * which is counted per market and reason, and the stream goes on.
 */
public interface ParseSink {

  void input(MarketInput input);

  /**
   * @param market the market the message was for, or null when it could not be told
   * @param reason a short reason without message content, so counters stay few
   */
  void malformed(MarketId market, String reason);
}
