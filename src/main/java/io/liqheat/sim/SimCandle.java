package io.liqheat.sim;

/** One closed minute of a simulated market, as the kline endpoints serve it. */
public record SimCandle(
    long openTimeMs, double open, double high, double low, double close,
    double volume, double quoteVolume, double takerBuyVolume, int trades) {

  public long closeTimeMs() {
    return openTimeMs + 60_000 - 1;
  }
}
