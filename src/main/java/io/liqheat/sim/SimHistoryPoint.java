package io.liqheat.sim;

/**
 * A five-minute history point, as the open-interest and ratio history endpoints serve it.
 *
 * @param longAccountShare share of traders with a long position, 0..1
 */
public record SimHistoryPoint(long timeMs, double oiBase, double oiUsd, double longAccountShare,
    double takerBuyVolume, double takerSellVolume) {

  public double longShortRatio() {
    return longAccountShare / (1 - longAccountShare);
  }
}
