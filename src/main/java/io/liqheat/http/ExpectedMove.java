package io.liqheat.http;

import java.time.Duration;
import java.util.List;

/**
 * The move to expect over a horizon, from recent realized volatility: the standard deviation of
 * five-minute log returns of frozen windows' closes, scaled by √(horizon ÷ 5 min). One σ of it is
 * where "nearest clusters" look.
 *
 * @param horizonMinutes the horizon
 * @param sigmaPct one standard deviation of the move over the horizon, in percent
 * @param returns how many five-minute returns it was estimated from
 */
public record ExpectedMove(long horizonMinutes, double sigmaPct, int returns) {

  /** Fewer returns than this give no estimate: the σ of a handful of returns is noise. */
  static final int MIN_RETURNS = 6;

  /**
   * For a view of several markets (one asset on several exchanges): the estimate from the market
   * with the most returns, the first in the view's order among equals; null when none has enough.
   *
   * <p>Why one market's and not a blend: the markets of an asset are the same underlying, so their
   * realized volatilities differ by little more than their sampling error, and pooling their returns
   * would count one move several times as if it were independent evidence. Why the most returns and
   * not simply the first market: a market that joined late (or whose history was not yet read after
   * a restart) has a noisier σ from a handful of returns, while another has a day of them.
   */
  static ExpectedMove ofMarkets(List<List<Double>> closesPerMarket, Duration horizon) {
    ExpectedMove best = null;
    for (List<Double> closes : closesPerMarket) {
      ExpectedMove move = fromCloses(closes, horizon);
      if (move != null && (best == null || move.returns() > best.returns())) {
        best = move;
      }
    }
    return best;
  }

  /** From consecutive five-minute closes, oldest first; null when there are too few. */
  public static ExpectedMove fromCloses(List<Double> closes, Duration horizon) {
    int n = 0;
    double sum = 0;
    double sumSquares = 0;
    for (int i = 1; i < closes.size(); i++) {
      double a = closes.get(i - 1);
      double b = closes.get(i);
      if (a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b)) {
        double r = Math.log(b / a);
        n++;
        sum += r;
        sumSquares += r * r;
      }
    }
    if (n < MIN_RETURNS) {
      return null;
    }
    double variance = Math.max(0, (sumSquares - sum * sum / n) / (n - 1));
    double sigmaPerWindow = Math.sqrt(variance);
    double windows = horizon.toMillis() / 300_000.0;
    return new ExpectedMove(horizon.toMinutes(), 100 * sigmaPerWindow * Math.sqrt(windows), n);
  }
}
