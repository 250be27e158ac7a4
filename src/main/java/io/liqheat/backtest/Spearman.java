package io.liqheat.backtest;

import java.util.Arrays;

/** Spearman rank correlation, with tied values given their average rank. */
public final class Spearman {

  private Spearman() {}

  /**
   * The Pearson correlation of the two series' ranks; NaN when either series is constant (its ranks
   * have no variance, so no correlation is defined).
   */
  public static double correlation(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series differ in length: " + x.length + " and " + y.length);
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    return pearson(averageRanks(x), averageRanks(y));
  }

  /** 1-based ranks; a run of equal values shares the mean of the ranks it spans. */
  static double[] averageRanks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1.0;
      for (int i = start; i <= end; i++) {
        ranks[order[i]] = rank;
      }
      start = end + 1;
    }
    return ranks;
  }

  private static double pearson(double[] x, double[] y) {
    int n = x.length;
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    double covariance = 0;
    double varianceX = 0;
    double varianceY = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      covariance += dx * dy;
      varianceX += dx * dx;
      varianceY += dy * dy;
    }
    if (varianceX == 0 || varianceY == 0) {
      return Double.NaN;
    }
    return covariance / Math.sqrt(varianceX * varianceY);
  }
}
