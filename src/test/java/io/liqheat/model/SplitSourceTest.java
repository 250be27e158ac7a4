package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Which side new positions are on: the configured source, then the other one, then the candle. */
class SplitSourceTest {

  private static DensityModel model(String source) {
    return new DensityModel(
        TestCalibrations.with("split { source = " + source + ", candle-bias = 0.1 }"), TestCalibrations.MARKET);
  }

  private static Step step(double open, double close, double ratio, double buy, double sell) {
    double high = Math.max(open, close);
    double low = Math.min(open, close);
    return new Step(0, open, high, low, close, (high + low) / 2, Double.NaN, Double.NaN,
        Double.NaN, buy, sell, ratio, 10, 1000);
  }

  @Test
  void theAccountRatioGivesLongsRatioOverOnePlusRatio() {
    assertThat(model("account-ratio").longShare(step(100, 100, 3.0, 2, 1))).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void takerVolumeGivesTheBuyShareOfTakerVolume() {
    assertThat(model("taker-volume").longShare(step(100, 100, 3.0, 2, 1))).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void aMissingPreferredSourceFallsBackToTheOtherDataSource() {
    assertThat(model("account-ratio").longShare(step(100, 100, Double.NaN, 1, 3))).isCloseTo(0.25, within(1e-12));
    assertThat(model("taker-volume").longShare(step(100, 100, 1.0, Double.NaN, Double.NaN))).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void withoutEitherSourceTheCandleDirectionDecides() {
    DensityModel model = model("account-ratio");
    double nan = Double.NaN;
    assertThat(model.longShare(step(100, 101, nan, nan, nan))).isCloseTo(0.6, within(1e-12));
    assertThat(model.longShare(step(101, 100, nan, nan, nan))).isCloseTo(0.4, within(1e-12));
    assertThat(model.longShare(step(100, 100, nan, nan, nan))).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void theCandleSourceIgnoresRatiosEvenWhenPresent() {
    assertThat(model("candle").longShare(step(100, 101, 9.0, 9, 1))).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void theSplitDecidesHowMuchOfTheSeedIsLong() {
    DensityModel model = model("account-ratio");
    model.step(step(100, 100, 3.0, Double.NaN, Double.NaN));
    assertThat(model.bookTotal(Side.LONG)).isCloseTo(7.5, within(1e-9));
    assertThat(model.bookTotal(Side.SHORT)).isCloseTo(2.5, within(1e-9));
  }
}
