package io.liqheat.ingest.okx;

import io.liqheat.market.MarketId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest mark price per market, for the one OKX value that needs one: an open-interest push
 * without {@code oiUsd} (older feeds) is valued at base × the latest mark. Shared by a connector's
 * parsers; mark pushes come a few times a second, so the map's cost does not matter.
 */
public final class OkxLastMarks {

  private final ConcurrentHashMap<MarketId, Double> marks = new ConcurrentHashMap<>();

  public void mark(MarketId market, double price) {
    marks.put(market, price);
  }

  /** The latest mark, or NaN before the first. */
  public double latest(MarketId market) {
    Double price = marks.get(market);
    return price == null ? Double.NaN : price;
  }
}
