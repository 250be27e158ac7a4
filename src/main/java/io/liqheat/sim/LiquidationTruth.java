package io.liqheat.sim;

import java.util.List;
import java.util.TreeMap;

/**
 * The true liquidation notional of a simulated market by price bin: every open position's size at
 * its liquidation level, summed per bin of a geometric grid anchored at the mark (bin {@code k}
 * spans mark·(1+w)^k to mark·(1+w)^(k+1)).
 */
public final class LiquidationTruth {

  private LiquidationTruth() {}

  public record Bin(double low, double high, double longUsd, double shortUsd) {}

  public static List<Bin> bins(List<SimulatedMarket.PositionView> positions, double mark, double binWidth) {
    if (!(binWidth > 0 && binWidth < 1)) {
      throw new IllegalArgumentException("binWidth must be above 0 and below 1, was " + binWidth);
    }
    double logStep = Math.log1p(binWidth);
    TreeMap<Integer, double[]> sums = new TreeMap<>();
    for (SimulatedMarket.PositionView position : positions) {
      int k = (int) Math.floor(Math.log(position.liquidationPrice() / mark) / logStep);
      double[] sum = sums.computeIfAbsent(k, key -> new double[2]);
      sum[position.isLong() ? 0 : 1] += position.size() * position.liquidationPrice();
    }
    return sums.entrySet().stream()
        .map(e -> new Bin(mark * Math.exp(e.getKey() * logStep), mark * Math.exp((e.getKey() + 1) * logStep),
            e.getValue()[0], e.getValue()[1]))
        .toList();
  }
}
