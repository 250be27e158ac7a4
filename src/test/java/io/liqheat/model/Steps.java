package io.liqheat.model;

/** Compact step construction for tests. */
final class Steps {

  private Steps() {}

  /** A step whose trades all happened at {@code price}, with OI given in base units. */
  static Step flat(long timeMs, double price, double oiBase) {
    return bar(timeMs, price, price, price, price, oiBase);
  }

  /** A bar with VWAP at its typical price and OI in base units. */
  static Step bar(long timeMs, double open, double high, double low, double close, double oiBase) {
    double nan = Double.NaN;
    double vwap = Math.min(high, Math.max(low, (high + low + close) / 3.0));
    return new Step(timeMs, open, high, low, close, vwap, nan, nan, nan, nan, nan, nan, oiBase, oiBase * close);
  }

  static Step withVwap(Step step, double vwap) {
    return new Step(step.timeMs(), step.open(), step.high(), step.low(), step.close(), vwap,
        step.markHigh(), step.markLow(), step.volume(), step.takerBuyVolume(), step.takerSellVolume(),
        step.longShortRatio(), step.oiBase(), step.oiUsd());
  }
}
