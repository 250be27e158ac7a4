package io.liqheat.backtest;

/**
 * How well one predictor ranks realized liquidations.
 *
 * @param spearmanLong rank correlation of predicted and realized long liquidations
 * @param spearmanShort the same for shorts
 * @param spearmanBoth the same with long and short series stacked into one
 * @param coverage the share of realized notional that fell in intervals where the prediction for
 *     that side was above 0
 */
public record AccuracyMetrics(
    double spearmanLong, double spearmanShort, double spearmanBoth, double coverage) {

  /** Scores predictions against realized values, interval by interval. */
  public static AccuracyMetrics score(
      double[] predictedLong, double[] predictedShort, double[] realizedLong, double[] realizedShort) {
    int n = predictedLong.length;
    double[] predictedBoth = new double[2 * n];
    double[] realizedBoth = new double[2 * n];
    System.arraycopy(predictedLong, 0, predictedBoth, 0, n);
    System.arraycopy(predictedShort, 0, predictedBoth, n, n);
    System.arraycopy(realizedLong, 0, realizedBoth, 0, n);
    System.arraycopy(realizedShort, 0, realizedBoth, n, n);
    double covered = 0;
    double total = 0;
    for (int i = 0; i < 2 * n; i++) {
      total += realizedBoth[i];
      if (predictedBoth[i] > 0) {
        covered += realizedBoth[i];
      }
    }
    return new AccuracyMetrics(
        Spearman.correlation(predictedLong, realizedLong),
        Spearman.correlation(predictedShort, realizedShort),
        Spearman.correlation(predictedBoth, realizedBoth),
        total > 0 ? covered / total : Double.NaN);
  }
}
