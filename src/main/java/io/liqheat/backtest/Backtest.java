package io.liqheat.backtest;

import io.liqheat.model.Calibration;
import io.liqheat.model.DensityModel;
import io.liqheat.model.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Runs the model over recorded bars and scores its estimated liquidated notional against realized
 * liquidations, next to the range × OI baseline.
 *
 * <p>Each bar is one model step: consumption over the bar's low and high, then the OI change. The
 * first bar only seeds the book. A realized interval is scored only when bars after the first one
 * cover it completely; the model runs over every bar regardless, so a scoring window never starts on
 * a cold book.
 */
public final class Backtest {

  private final Calibration calibration;
  private final String marketId;

  public Backtest(Calibration calibration, String marketId) {
    this.calibration = calibration;
    this.marketId = marketId;
  }

  /** Scores every fully covered interval. */
  public BacktestReport run(List<Bar> bars, List<RealizedLiquidations> realized) {
    return run(bars, realized, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Scores the fully covered intervals that start within {@code [scoreFromMs, scoreToMs)}. */
  public BacktestReport run(
      List<Bar> bars, List<RealizedLiquidations> realized, long scoreFromMs, long scoreToMs) {
    List<ScoredInterval> scored = score(bars, realized, scoreFromMs, scoreToMs);
    return new BacktestReport(
        scored.size(),
        calibration.modelVersion(),
        AccuracyMetrics.score(
            column(scored, ScoredInterval::modelLong),
            column(scored, ScoredInterval::modelShort),
            column(scored, ScoredInterval::realizedLong),
            column(scored, ScoredInterval::realizedShort)),
        AccuracyMetrics.score(
            column(scored, ScoredInterval::baselineLong),
            column(scored, ScoredInterval::baselineShort),
            column(scored, ScoredInterval::realizedLong),
            column(scored, ScoredInterval::realizedShort)));
  }

  /** Every fully covered interval within the window, with both predictions. */
  public List<ScoredInterval> score(
      List<Bar> bars, List<RealizedLiquidations> realized, long scoreFromMs, long scoreToMs) {
    if (bars.size() < 2) {
      throw new MalformedInputException("the backtest needs at least two bars, got " + bars.size());
    }
    long barMs = barDuration(bars);
    int n = bars.size();
    double[] modelLong = new double[n];
    double[] modelShort = new double[n];
    double[] baselineLong = new double[n];
    double[] baselineShort = new double[n];
    DensityModel model = new DensityModel(calibration, marketId);
    for (int i = 0; i < n; i++) {
      Bar bar = bars.get(i);
      StepOutcome outcome = model.step(bar.toStep());
      modelLong[i] = outcome.estimatedLongUsd();
      modelShort[i] = outcome.estimatedShortUsd();
      if (i > 0) {
        double previousOi = bars.get(i - 1).openInterestUsd();
        baselineLong[i] = previousOi * Math.max(0.0, (bar.open() - bar.low()) / bar.open());
        baselineShort[i] = previousOi * Math.max(0.0, (bar.high() - bar.open()) / bar.open());
      }
    }

    List<ScoredInterval> scored = new ArrayList<>();
    for (RealizedLiquidations interval : realized) {
      if (interval.startMs() < scoreFromMs || interval.startMs() >= scoreToMs) {
        continue;
      }
      int first = firstBarAtOrAfter(bars, interval.startMs());
      int last = first;
      while (last < n && bars.get(last).openTimeMs() < interval.endMs()) {
        last++;
      }
      if (!coveredAfterFirstBar(bars, first, last, interval, barMs)) {
        continue;
      }
      scored.add(new ScoredInterval(
          interval.startMs(),
          sum(modelLong, first, last),
          sum(modelShort, first, last),
          sum(baselineLong, first, last),
          sum(baselineShort, first, last),
          interval.longUsd(),
          interval.shortUsd()));
    }
    return scored;
  }

  /** Liquidation files need not be sorted, so each interval finds its bars by binary search. */
  private static int firstBarAtOrAfter(List<Bar> bars, long timeMs) {
    int low = 0;
    int high = bars.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (bars.get(mid).openTimeMs() < timeMs) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static double sum(double[] values, int from, int to) {
    double total = 0.0;
    for (int i = from; i < to; i++) {
      total += values[i];
    }
    return total;
  }

  /** Bars {@code [first, last)} start at the interval's start, follow each other and reach its end. */
  private static boolean coveredAfterFirstBar(
      List<Bar> bars, int first, int last, RealizedLiquidations interval, long barMs) {
    if (first == 0 || first >= last || bars.get(first).openTimeMs() != interval.startMs()) {
      return false;
    }
    for (int i = first + 1; i < last; i++) {
      if (bars.get(i).openTimeMs() - bars.get(i - 1).openTimeMs() != barMs) {
        return false;
      }
    }
    return bars.get(last - 1).openTimeMs() + barMs == interval.endMs();
  }

  /** The bar length: the smallest gap between consecutive opens (gaps in the data are longer). */
  public static long barDuration(List<Bar> bars) {
    long smallest = Long.MAX_VALUE;
    for (int i = 1; i < bars.size(); i++) {
      smallest = Math.min(smallest, bars.get(i).openTimeMs() - bars.get(i - 1).openTimeMs());
    }
    return smallest;
  }

  private static double[] column(List<ScoredInterval> rows, ToDoubleFunction<ScoredInterval> field) {
    return rows.stream().mapToDouble(field).toArray();
  }
}
