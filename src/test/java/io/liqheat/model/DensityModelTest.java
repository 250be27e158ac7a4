package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The model's semantics, step by step, against expectations computed by hand. */
class DensityModelTest {

  private static final double EPS = 1e-9;
  private final Calibration plain = TestCalibrations.plain();

  private DensityModel seededAt100() {
    DensityModel model = new DensityModel(plain, TestCalibrations.MARKET);
    model.step(Steps.flat(0, 100, 1000));
    return model;
  }

  private double sum(DensityModel model, Side side, int tier, int fromBin, int toBin) {
    double total = 0;
    for (int bin = fromBin; bin <= toBin; bin++) {
      total += model.quantityAt(side, tier, bin);
    }
    return total;
  }

  @Test
  void warmStartHoldsTheWholeOpenInterestSplitBySideAndTier() {
    DensityModel model = seededAt100();

    assertThat(model.bookTotal()).isCloseTo(1000, within(EPS));
    assertThat(model.bookToOi()).isCloseTo(1.0, within(EPS));
    // A flat candle with no ratio data splits evenly; two tiers weigh half each.
    for (int tier = 0; tier < 2; tier++) {
      assertThat(model.tierTotal(Side.LONG, tier)).isCloseTo(250, within(EPS));
      assertThat(model.tierTotal(Side.SHORT, tier)).isCloseTo(250, within(EPS));
    }
  }

  @Test
  void warmStartPlacesOnlyLevelsThePriceHasNotCrossed() {
    DensityModel model = seededAt100();
    PriceGrid grid = model.grid();
    int priceBin = grid.indexOf(100);

    for (int tier = 0; tier < 2; tier++) {
      assertThat(sum(model, Side.LONG, tier, priceBin, priceBin + 5000)).isZero();
      assertThat(sum(model, Side.SHORT, tier, priceBin - 5000, priceBin)).isZero();
    }
    // 100x longs: of the five entries 100·1.02^{-1,-½,0,½,1}, the two above ~100.6 would
    // liquidate at or above 100 and are not placed; the three survivors share the tier's 250.
    int survivorBin = grid.indexOf(100 * LiquidationPrice.longFactor(100, 0.004));
    assertThat(model.quantityAt(Side.LONG, 1, survivorBin)).isCloseTo(250.0 / 3, within(EPS));
  }

  @Test
  void anOpenInterestRiseOpensTheDifferenceAtVwapAtEachTiersLiquidationPrice() {
    DensityModel model = seededAt100();
    double vwap = 100.3;
    int longBin = model.grid().indexOf(vwap * LiquidationPrice.longFactor(10, 0.004));
    int shortBin = model.grid().indexOf(vwap * LiquidationPrice.shortFactor(10, 0.004));
    double longBefore = model.quantityAt(Side.LONG, 0, longBin);
    double shortBefore = model.quantityAt(Side.SHORT, 0, shortBin);

    // At 100.3 the step crosses no seeded level on either side; OI rises by 100.
    StepOutcome outcome = model.step(Steps.flat(1000, vwap, 1100));

    assertThat(outcome.sweptLongUsd()).isZero();
    assertThat(outcome.sweptShortUsd()).isZero();
    assertThat(model.quantityAt(Side.LONG, 0, longBin) - longBefore).isCloseTo(25, within(EPS));
    assertThat(model.quantityAt(Side.SHORT, 0, shortBin) - shortBefore).isCloseTo(25, within(EPS));
    assertThat(model.bookTotal()).isCloseTo(1100, within(EPS));
  }

  @Test
  void anOpenInterestFallClosesProportionallyOnlyWhatLiquidationsDoNotExplain() {
    DensityModel model = seededAt100();
    PriceGrid grid = model.grid();
    int lowBin = grid.indexOf(99.0);
    double sweptBase = sum(model, Side.LONG, 1, lowBin, lowBin + 5000)
        + sum(model, Side.LONG, 0, lowBin, lowBin + 5000);
    double expectedUsd = 0;
    for (int tier = 0; tier < 2; tier++) {
      for (int bin = lowBin; bin <= lowBin + 5000; bin++) {
        expectedUsd += model.quantityAt(Side.LONG, tier, bin) * grid.center(bin);
      }
    }
    assertThat(sweptBase).as("the step must sweep some 100x longs").isPositive();
    int farBin = grid.indexOf(100 / 1.02 * LiquidationPrice.longFactor(10, 0.004));
    double farBefore = model.quantityAt(Side.LONG, 0, farBin);
    assertThat(farBefore).isPositive();

    StepOutcome outcome = model.step(Steps.bar(1000, 100, 100, 99.0, 99.5, 900));

    assertThat(outcome.sweptLongUsd()).isCloseTo(expectedUsd, within(1e-6));
    assertThat(outcome.sweptShortUsd()).isZero();
    double keep = 900.0 / (1000.0 - sweptBase);
    assertThat(model.quantityAt(Side.LONG, 0, farBin)).isCloseTo(farBefore * keep, within(EPS));
    assertThat(model.bookTotal()).isCloseTo(900, within(EPS));
  }

  @Test
  void liquidationsRemoveLongsAtOrAboveTheLowAndShortsAtOrBelowTheHigh() {
    DensityModel model = seededAt100();
    PriceGrid grid = model.grid();

    // OI halves, so nothing opens and the book after the step is exactly the swept book, scaled.
    StepOutcome outcome = model.step(Steps.bar(1000, 100, 101.5, 99.2, 100, 500));

    int lowBin = grid.indexOf(99.2);
    int highBin = grid.indexOf(101.5);
    for (int tier = 0; tier < 2; tier++) {
      assertThat(sum(model, Side.LONG, tier, lowBin, lowBin + 5000)).isZero();
      assertThat(sum(model, Side.SHORT, tier, highBin - 5000, highBin)).isZero();
    }
    assertThat(outcome.sweptLongUsd()).isPositive();
    assertThat(outcome.sweptShortUsd()).isPositive();
    assertThat(model.bookTotal()).isCloseTo(500, within(EPS));
  }

  @Test
  void theMarkPriceRatherThanTradesDecidesLiquidationWhenKnown() {
    DensityModel withMark = seededAt100();
    DensityModel withoutMark = seededAt100();
    Step trades = Steps.bar(1000, 100, 100, 99.0, 100, 500);

    StepOutcome markOutcome = withMark.step(trades.withMark(100, 99.9));
    StepOutcome tradeOutcome = withoutMark.step(trades);

    assertThat(markOutcome.sweptLongUsd()).isZero();
    assertThat(tradeOutcome.sweptLongUsd()).isPositive();
  }

  @Test
  void halfLifeDecayMovesHalfATiersPositionsToCurrentPricesAfterOneHalfLife() {
    Calibration decaying = TestCalibrations.with(
        "leverage-tiers = [10, 100], tier-weights = [0.5, 0.5], tier-bracket = smallest,"
            + " decay-half-life = [1h, 0], turnover.per-range = 0, range-blend = 0,"
            + " split.candle-bias = 0, seed.band = 0.02, seed.points = 5");
    DensityModel model = new DensityModel(decaying, TestCalibrations.MARKET);
    model.step(Steps.flat(0, 100, 1000));
    PriceGrid grid = model.grid();
    int seededBin = grid.indexOf(100 / 1.02 * LiquidationPrice.longFactor(10, 0.004));
    double seeded = model.quantityAt(Side.LONG, 0, seededBin);
    assertThat(seeded).isPositive();
    double untouchedTier = model.tierTotal(Side.LONG, 1);

    // 100.5 crosses no seeded level, so only decay moves positions.
    model.step(Steps.flat(3_600_000, 100.5, 1000));

    assertThat(model.quantityAt(Side.LONG, 0, seededBin)).isCloseTo(seeded / 2, within(EPS));
    int reopenedBin = grid.indexOf(100.5 * LiquidationPrice.longFactor(10, 0.004));
    // Half of the tier's 500 (both sides) decays; half of that reopens long.
    assertThat(model.quantityAt(Side.LONG, 0, reopenedBin)).isCloseTo(125, within(EPS));
    assertThat(model.tierTotal(Side.LONG, 1)).isCloseTo(untouchedTier, within(EPS));
    assertThat(model.bookTotal()).isCloseTo(1000, within(EPS));
  }

  @Test
  void turnoverReopensAShareOfTheBookAtVwapWithoutChangingItsTotal() {
    Calibration churning = TestCalibrations.with(
        "leverage-tiers = [10, 100], tier-weights = [0.5, 0.5], tier-bracket = smallest,"
            + " decay-half-life = [0, 0], turnover.per-range = 2, range-blend = 0,"
            + " split.candle-bias = 0, seed.band = 0.02, seed.points = 5");
    DensityModel model = new DensityModel(churning, TestCalibrations.MARKET);
    model.step(Steps.flat(0, 100, 1000));
    int farBin = model.grid().indexOf(100 / 1.02 * LiquidationPrice.longFactor(10, 0.004));
    double before = model.quantityAt(Side.LONG, 0, farBin);
    assertThat(before).isPositive();

    // Range 0.5 % of VWAP 100.0 → 2 × 0.005 = 1 % of the book turns over.
    Step step = Steps.withVwap(Steps.bar(1000, 100, 100.25, 99.75, 100, 1000), 100.0);
    model.step(step);

    assertThat(model.quantityAt(Side.LONG, 0, farBin)).isCloseTo(before * 0.99, within(EPS));
    assertThat(model.bookTotal()).isCloseTo(1000, within(EPS));
  }

  @Test
  void highLeverageFirstClosesTheHighestTierBeforeTouchingLowerOnes() {
    Calibration rule = TestCalibrations.with(
        "leverage-tiers = [10, 100], tier-weights = [0.5, 0.5], tier-bracket = smallest,"
            + " decay-half-life = [0, 0], turnover.per-range = 0, range-blend = 0,"
            + " split.candle-bias = 0, seed.band = 0.02, seed.points = 5,"
            + " closing-rule = high-leverage-first");
    DensityModel model = new DensityModel(rule, TestCalibrations.MARKET);
    model.step(Steps.flat(0, 100, 1000));

    model.step(Steps.flat(1000, 100, 700));

    assertThat(model.tierTotal(Side.LONG, 0) + model.tierTotal(Side.SHORT, 0)).isCloseTo(500, within(EPS));
    assertThat(model.tierTotal(Side.LONG, 1) + model.tierTotal(Side.SHORT, 1)).isCloseTo(200, within(EPS));
  }

  @Test
  void levelsBeyondTheBookRangeFoldIntoTheEdgeWithoutLosingNotional() {
    Calibration narrow = TestCalibrations.with(
        "leverage-tiers = [10, 100], tier-weights = [0.5, 0.5], tier-bracket = smallest,"
            + " decay-half-life = [0, 0], turnover.per-range = 0, range-blend = 0,"
            + " split.candle-bias = 0, seed.band = 0.02, seed.points = 5, book-range = 0.05");
    DensityModel model = new DensityModel(narrow, TestCalibrations.MARKET);
    model.step(Steps.flat(0, 100, 1000));

    // A rally of 20 % leaves the 10x longs (seeded near 90) more than 5 % below price.
    model.step(Steps.flat(1000, 120, 1000));

    int edge = model.grid().indexOf(120 / 1.05);
    int seededBin = model.grid().indexOf(100 * LiquidationPrice.longFactor(10, 0.004));
    assertThat(model.quantityAt(Side.LONG, 0, seededBin)).isZero();
    // All 250 seeded 10x longs now sit in the edge bin; the rally's new positions open elsewhere.
    assertThat(model.quantityAt(Side.LONG, 0, edge)).isCloseTo(250, within(EPS));
    assertThat(model.bookTotal()).isCloseTo(1000, within(EPS));
  }

  @Test
  void rangeBlendMixesTheRangeTimesOpenInterestTermIntoTheEstimate() {
    Calibration blended = TestCalibrations.with(
        "leverage-tiers = [10, 100], tier-weights = [0.5, 0.5], tier-bracket = smallest,"
            + " decay-half-life = [0, 0], turnover.per-range = 0, range-blend = 0.5,"
            + " split.candle-bias = 0, seed.band = 0.02, seed.points = 5");
    DensityModel model = new DensityModel(blended, TestCalibrations.MARKET);
    model.step(Steps.flat(0, 100, 1000));

    StepOutcome outcome = model.step(Steps.bar(1000, 100, 100, 99.0, 99.5, 900));

    // OI before the step was 1000 base at 100 = 100,000 USD; the open-to-low move is 1 %.
    double rangeLong = 100_000 * 0.01;
    assertThat(outcome.estimatedLongUsd())
        .isCloseTo(0.5 * outcome.sweptLongUsd() + 0.5 * rangeLong, within(1e-6));
    assertThat(outcome.estimatedShortUsd()).isZero();
  }

  @Test
  void theDisplayWindowChangesWhatIsShownButNeverTheState() {
    DensityModel model = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    RandomSteps.walk(42, 2_000).forEach(model::step);
    String before = model.checksum();

    var narrow = model.bands(new BandQuery(model.lastPrice(), 0.02, 0.9, 3));
    var wide = model.bands(new BandQuery(model.lastPrice(), 0.30, 0.0, 50));
    model.frame(model.lastPrice(), 0.5);
    model.snapshot();

    assertThat(wide.size()).isGreaterThan(narrow.size());
    assertThat(model.checksum()).isEqualTo(before);
  }

  @Test
  void theSameStepsGiveTheSameBitsAndTheSameChecksum() {
    DensityModel first = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    DensityModel second = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    RandomSteps.walk(7, 5_000).forEach(first::step);
    RandomSteps.walk(7, 5_000).forEach(second::step);

    assertThat(first.checksum()).isEqualTo(second.checksum());
    assertThat(first.frame(first.lastPrice(), 0.2)).isEqualTo(second.frame(second.lastPrice(), 0.2));
    DensityModel other = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    RandomSteps.walk(8, 5_000).forEach(other::step);
    assertThat(other.checksum()).isNotEqualTo(first.checksum());
  }

  @Test
  void aSnapshotRestoresTheModelBitForBitAndItContinuesIdentically() {
    var steps = RandomSteps.walk(11, 6_000);
    DensityModel uninterrupted = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    steps.forEach(uninterrupted::step);

    DensityModel beforeStop = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    steps.subList(0, 3_000).forEach(beforeStop::step);
    DensityModel restored = DensityModel.restore(TestCalibrations.defaults(), beforeStop.snapshot());
    assertThat(restored.checksum()).isEqualTo(beforeStop.checksum());
    steps.subList(3_000, 6_000).forEach(restored::step);

    assertThat(restored.checksum()).isEqualTo(uninterrupted.checksum());
  }

  @Test
  void aSnapshotIsRefusedUnderAnotherModelVersion() {
    DensityModel model = seededAt100();
    Calibration other = CalibrationLoader.load(TestCalibrations.config(""), "v1-book");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DensityModel.restore(other, model.snapshot()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v1-book");
  }

  @Test
  void theDefaultCalibrationKeepsAMarketsStateWellUnderItsMemoryBudget() {
    DensityModel model = new DensityModel(TestCalibrations.defaults(), TestCalibrations.MARKET);
    RandomSteps.walk(3, 20_000).forEach(model::step);

    // 256 KiB is the budget for the whole state; the bin arrays are nearly all of it.
    assertThat(model.binBytes()).isLessThan(200 * 1024);
  }
}
