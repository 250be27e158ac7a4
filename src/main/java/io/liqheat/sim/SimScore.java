package io.liqheat.sim;

import io.liqheat.backtest.Spearman;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import java.util.List;

/**
 * How well a live estimate ranks the simulator's true liquidation levels: the Spearman rank
 * correlation, over bins of {@code binWidth} within ± {@code range} of the price, of estimated against
 * true notional. Long levels are scored below the price and short levels above, where each side's
 * liquidations can lie; "both" scores the two halves together. Ranks, not sizes, because the model
 * knows the total only through open interest.
 */
public record SimScore(double spearmanLong, double spearmanShort, double spearmanBoth, int binsPerSide) {

  public static SimScore of(
      DensityFrame estimate, List<SimulatedMarket.PositionView> truth, double price, double range, double binWidth) {
    double logStep = Math.log1p(binWidth);
    int perSide = (int) Math.ceil(Math.log1p(range) / logStep);
    double[] modelLong = new double[perSide];
    double[] modelShort = new double[perSide];
    double[] trueLong = new double[perSide];
    double[] trueShort = new double[perSide];
    PriceGrid grid = estimate.grid();
    for (int i = 0; i < estimate.size(); i++) {
      int bin = estimate.bins()[i];
      double mid = (grid.lowerBound(bin) + grid.upperBound(bin)) / 2;
      add(mid, price, logStep, perSide, estimate.longUsd()[i], modelLong, true);
      add(mid, price, logStep, perSide, estimate.shortUsd()[i], modelShort, false);
    }
    for (SimulatedMarket.PositionView position : truth) {
      double usd = position.size() * position.liquidationPrice();
      add(position.liquidationPrice(), price, logStep, perSide, usd, position.isLong() ? trueLong : trueShort,
          position.isLong());
    }
    return new SimScore(
        Spearman.correlation(modelLong, trueLong),
        Spearman.correlation(modelShort, trueShort),
        Spearman.correlation(concat(modelLong, modelShort), concat(trueLong, trueShort)),
        perSide);
  }

  /** Bin k of a side is k steps away from the price: below it for longs, above it for shorts. */
  private static void add(double level, double price, double logStep, int perSide, double usd, double[] bins,
      boolean below) {
    double distance = below ? Math.log(price / level) : Math.log(level / price);
    if (distance < 0) {
      return;
    }
    int k = (int) (distance / logStep);
    if (k < perSide) {
      bins[k] += usd;
    }
  }

  private static double[] concat(double[] a, double[] b) {
    double[] joined = new double[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
