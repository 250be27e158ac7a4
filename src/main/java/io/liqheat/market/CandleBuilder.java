package io.liqheat.market;

/** Accumulates trades into OHLC and volume; both a window's candle and a step's range use it. */
final class CandleBuilder {

  private boolean hasTrade;
  private double open;
  private double high;
  private double low;
  private double close;
  private double volume;

  void trade(double price, double size) {
    if (!hasTrade) {
      hasTrade = true;
      open = price;
      high = price;
      low = price;
    }
    high = Math.max(high, price);
    low = Math.min(low, price);
    close = price;
    volume += size;
  }

  boolean hasTrade() {
    return hasTrade;
  }

  double open() {
    return open;
  }

  double high() {
    return high;
  }

  double low() {
    return low;
  }

  double close() {
    return close;
  }

  double volume() {
    return volume;
  }

  /** The candle so far, or null before any trade. */
  Candle candle() {
    return hasTrade ? new Candle(open, high, low, close, volume) : null;
  }

  void reset() {
    hasTrade = false;
    volume = 0;
  }
}
