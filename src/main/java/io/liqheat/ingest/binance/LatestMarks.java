package io.liqheat.ingest.binance;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest mark price per market, seen on the stream and used to value polled open interest in
 * USD (Binance's openInterest answer has the base amount only). Written by the stream's parse stage,
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

  /** A sink that records every mark price on its way to {@code next}. */
  public ParseSink recording(ParseSink next) {
    return new ParseSink() {
      @Override
      public void input(MarketInput input) {
        if (input instanceof MarketInput.MarkPrice mark) {
          record(mark.market(), mark.price());
        }
        next.input(input);
      }

      @Override
      public void malformed(MarketId market, String reason) {
        next.malformed(market, reason);
      }
    };
  }
}
