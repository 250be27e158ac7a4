package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedMoveTest {

  /**
   * Closes whose log returns alternate +r, −r: the mean return is 0 (or r/n for an odd count), so
   * the sample standard deviation has a closed form the test computes by hand.
   */
  private static List<Double> alternating(double first, double r, int returns) {
    List<Double> closes = new ArrayList<>();
    closes.add(first);
    for (int i = 0; i < returns; i++) {
      double previous = closes.get(closes.size() - 1);
      closes.add(previous * Math.exp(i % 2 == 0 ? r : -r));
    }
    return closes;
  }

  @Test
  void sigmaIsTheSampleDeviationOfFiveMinuteLogReturnsScaledToTheHorizon() {
    // Six returns +1 %, −1 %, ... (log): mean 0, Σr² = 6·0.0001, sample variance 6·0.0001 / 5.
    double r = 0.01;
    ExpectedMove move = ExpectedMove.fromCloses(alternating(100, r, 6), Duration.ofHours(4));

    double perWindow = Math.sqrt(6 * r * r / 5);
    assertThat(move).isNotNull();
    assertThat(move.returns()).isEqualTo(6);
    assertThat(move.horizonMinutes()).isEqualTo(240);
    // 4 h is 48 five-minute windows: σ grows with the square root of their count.
    assertThat(move.sigmaPct()).isCloseTo(100 * perWindow * Math.sqrt(48), within(1e-9));
    assertThat(move.sigmaPct()).isCloseTo(7.589466384404110, within(1e-9));
  }

  @Test
  void aHorizonOfOneWindowIsThePerWindowDeviation() {
    List<Double> closes = List.of(100.0, 101.0, 99.0, 100.0, 102.0, 101.0, 100.0, 103.0);
    List<Double> returns = new ArrayList<>();
    for (int i = 1; i < closes.size(); i++) {
      returns.add(Math.log(closes.get(i) / closes.get(i - 1)));
    }
    double mean = returns.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance = returns.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (returns.size() - 1);

    ExpectedMove move = ExpectedMove.fromCloses(closes, Duration.ofMinutes(5));

    assertThat(move.returns()).isEqualTo(7);
    assertThat(move.sigmaPct()).isCloseTo(100 * Math.sqrt(variance), within(1e-9));
  }

  @Test
  void aLongerHorizonExpectsAProportionallyLargerMoveByItsSquareRoot() {
    List<Double> closes = alternating(50_000, 0.002, 10);

    double oneHour = ExpectedMove.fromCloses(closes, Duration.ofHours(1)).sigmaPct();
    double fourHours = ExpectedMove.fromCloses(closes, Duration.ofHours(4)).sigmaPct();

    assertThat(fourHours / oneHour).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void fewerThanSixReturnsGiveNoEstimate() {
    assertThat(ExpectedMove.fromCloses(List.of(), Duration.ofHours(4))).isNull();
    assertThat(ExpectedMove.fromCloses(List.of(100.0), Duration.ofHours(4))).isNull();
    assertThat(ExpectedMove.fromCloses(alternating(100, 0.01, ExpectedMove.MIN_RETURNS - 1), Duration.ofHours(4)))
        .isNull();
    assertThat(ExpectedMove.fromCloses(alternating(100, 0.01, ExpectedMove.MIN_RETURNS), Duration.ofHours(4)))
        .isNotNull();
  }

  @Test
  void closesThatAreNotPricesAreSkippedAndDoNotCountAsReturns() {
    List<Double> closes = new ArrayList<>(alternating(100, 0.01, 6));
    closes.add(3, Double.NaN);
    closes.add(0.0);

    ExpectedMove move = ExpectedMove.fromCloses(closes, Duration.ofHours(4));

    // The NaN leaves the returns into and out of it out (the one return it split is gone: 5 left),
    // and the trailing 0 adds none.
    assertThat(move).isNull();
    closes.addAll(List.of(100.0, 101.0, 100.0, 101.0, 100.0));
    // From 0 to 100 is no return either; the four after it are: 5 + 4.
    assertThat(ExpectedMove.fromCloses(closes, Duration.ofHours(4)).returns()).isEqualTo(9);
  }

  @Test
  void aViewOfSeveralMarketsTakesTheEstimateFromTheMarketWithTheMostReturns() {
    List<Double> fewCalm = alternating(100, 0.001, 6);
    List<Double> manyWild = alternating(100, 0.01, 20);
    List<Double> tooFew = alternating(100, 0.05, 3);
    Duration horizon = Duration.ofHours(4);

    ExpectedMove move = ExpectedMove.ofMarkets(List.of(tooFew, fewCalm, manyWild), horizon);

    assertThat(move).isEqualTo(ExpectedMove.fromCloses(manyWild, horizon));
    assertThat(move.returns()).isEqualTo(20);
    // Among equals the first in the view's order; none when no market has enough.
    List<Double> sameCountOther = alternating(100, 0.002, 20);
    assertThat(ExpectedMove.ofMarkets(List.of(sameCountOther, manyWild), horizon))
        .isEqualTo(ExpectedMove.fromCloses(sameCountOther, horizon));
    assertThat(ExpectedMove.ofMarkets(List.of(tooFew, List.of()), horizon)).isNull();
  }
}
