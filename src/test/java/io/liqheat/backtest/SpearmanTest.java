package io.liqheat.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpearmanTest {

  @Test
  void tiesGetTheirAverageRank() {
    assertThat(Spearman.averageRanks(new double[] {5, 6, 7, 8, 7})).containsExactly(1, 2, 3.5, 5, 3.5);
  }

  @Test
  void matchesAHandComputedCorrelationWithTies() {
    // Ranks x: 1 2 3 4 5 (mean 3); ranks y: 1 2 3.5 5 3.5 (mean 3).
    // dx = -2 -1 0 1 2; dy = -2 -1 0.5 2 0.5.
    // Σdx·dy = 4 + 1 + 0 + 2 + 1 = 8; Σdx² = 10; Σdy² = 4 + 1 + 0.25 + 4 + 0.25 = 9.5.
    double expected = 8 / Math.sqrt(10 * 9.5);
    assertThat(Spearman.correlation(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}))
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void perfectAndReversedOrdersGivePlusAndMinusOne() {
    double[] x = {0.1, 5, 9, 200};
    assertThat(Spearman.correlation(x, new double[] {1, 2, 3, 4})).isCloseTo(1.0, within(1e-12));
    assertThat(Spearman.correlation(x, new double[] {4, 3, 2, 1})).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void aConstantSeriesHasNoCorrelation() {
    assertThat(Spearman.correlation(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
  }
}
