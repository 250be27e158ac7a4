package io.liqheat.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyMetricsTest {

  @Test
  void coverageIsTheRealizedShareWherePredictionWasPositiveOnThatSide() {
    AccuracyMetrics metrics = AccuracyMetrics.score(
        new double[] {0, 1, 2},
        new double[] {3, 0, 1},
        new double[] {10, 20, 30},
        new double[] {40, 50, 60});
    // Covered: longs 20 + 30, shorts 40 + 60 = 150 of 210.
    assertThat(metrics.coverage()).isCloseTo(150.0 / 210.0, within(1e-12));
    assertThat(metrics.spearmanLong()).isCloseTo(1.0, within(1e-12));
    // Shorts: predicted ranks 3,1,2 against realized 1,2,3: Σd² = 4+1+1 = 6 → 1 − 6·6/(3·8) = −0.5.
    assertThat(metrics.spearmanShort()).isCloseTo(-0.5, within(1e-12));
  }

  @Test
  void stackingRanksBothSidesAsOneSeries() {
    AccuracyMetrics metrics = AccuracyMetrics.score(
        new double[] {1, 2}, new double[] {3, 4}, new double[] {10, 20}, new double[] {30, 40});
    assertThat(metrics.spearmanBoth()).isCloseTo(1.0, within(1e-12));
  }
}
