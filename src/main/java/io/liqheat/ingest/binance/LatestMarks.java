package io.liqheat.ingest.binance;

import io.liqheat.market.MarketId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest mark price per market, seen on the stream and used to value polled open interest in
 * USD (Binance's openInterest answer has the base amount only). Written by the stream's parser,
 * read by the poller's, so it is concurrent.
 */
public final class LatestMarks {

  private final ConcurrentHashMap<MarketId, Double> marks = new ConcurrentHashMap<>();

  /** The newest mark, or NaN before the first. */
  public double mark(MarketId market) {
    Double mark = marks.get(market);
    return mark == null ? Double.NaN : mark;
  }

  public void record(MarketId market, double price) {
    marks.put(market, price);
  }
}
