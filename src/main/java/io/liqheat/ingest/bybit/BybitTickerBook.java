package io.liqheat.ingest.bybit;

import io.liqheat.market.MarketId;
import java.util.HashMap;
import java.util.Map;

/**
 * The merged {@code tickers.{symbol}} state of one connection. Bybit sends a snapshot after each
 * subscribe and then deltas that carry only the fields that changed, so a delta means something
 * only on top of the state before it. The book belongs to one connection: a new connection gets a
 * new book (its subscribe brings a fresh snapshot), and it is used by one stream stage at a time.
 */
public final class BybitTickerBook {

  private final Map<MarketId, Ticker> tickers = new HashMap<>();

  /** The merged state of one market's ticker; NaN for a field not seen yet. */
  public static final class Ticker {
    double markPrice = Double.NaN;
    double openInterest = Double.NaN;
    double openInterestValue = Double.NaN;

    void clear() {
      markPrice = Double.NaN;
      openInterest = Double.NaN;
      openInterestValue = Double.NaN;
    }

    public double markPrice() {
      return markPrice;
    }

    /** Open interest in base units. */
    public double openInterest() {
      return openInterest;
    }

    /** Open interest in USD. */
    public double openInterestValue() {
      return openInterestValue;
    }
  }

  Ticker ticker(MarketId market) {
    return tickers.computeIfAbsent(market, m -> new Ticker());
  }

  /** The merged state of a market, or null before its first ticker message. */
  public Ticker get(MarketId market) {
    return tickers.get(market);
  }
}
