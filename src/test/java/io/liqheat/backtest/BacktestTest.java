package io.liqheat.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import io.liqheat.model.Calibration;
import io.liqheat.model.CalibrationLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backtest procedure on a fixture small enough to check by hand. */
class BacktestTest {

  private static final long H = 3_600_000L;

  private static final String BARS = """
      open_time,open,high,low,close,open_interest_usd
      0,100,101,99,100,1000000
      3600000,100,102,97,101,1100000
      7200000,101,103,100,102,1050000
      10800000,102,102,98,99,1000000
      21600000,99,100,95,96,900000
      25200000,96,97,94,95,950000
      """;

  private static final String LIQUIDATIONS = """
      start_time,end_time,long_usd,short_usd
      0,3600000,5,5
      3600000,7200000,100,10
      7200000,10800000,20,80
      10800000,14400000,60,5
      14400000,18000000,1,1
      21600000,25200000,90,3
      25200000,28800000,30,4
      3600000,10800000,120,90
      """;

  private final Calibration calibration = CalibrationLoader.load(ConfigFactory.defaultReference().resolve(), "v1");

  private List<ScoredInterval> scored() {
    return new Backtest(calibration, "binance:BTCUSDT").score(
        BacktestFiles.parseBars(BARS, "bars"), BacktestFiles.parseLiquidations(LIQUIDATIONS, "liq"),
        Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Test
  void scoresOnlyIntervalsFullyCoveredByBarsAfterTheFirst() {
    // Not scored: [0,1h) holds only the seeding bar; [4h,5h) has no bar (the data has a gap).
    assertThat(scored()).extracting(ScoredInterval::startMs)
        .containsExactly(1 * H, 2 * H, 3 * H, 6 * H, 7 * H, 1 * H);
  }

  @Test
  void theBaselineIsPreviousOpenInterestTimesTheMoveFromTheOpen() {
    List<ScoredInterval> scored = scored();
    // Bar at 1h: previous OI 1,000,000; open 100, low 97, high 102.
    assertThat(scored.get(0).baselineLong()).isCloseTo(1_000_000 * 0.03, within(1e-6));
    assertThat(scored.get(0).baselineShort()).isCloseTo(1_000_000 * 0.02, within(1e-6));
    // The two-hour interval sums its two bars: 1h as above plus 2h (OI 1,100,000; open 101).
    ScoredInterval twoHours = scored.get(5);
    assertThat(twoHours.baselineLong()).isCloseTo(30_000 + 1_100_000 * (1.0 / 101), within(1e-6));
    assertThat(twoHours.baselineShort()).isCloseTo(20_000 + 1_100_000 * (2.0 / 101), within(1e-6));
    assertThat(twoHours.realizedLong()).isEqualTo(120);
  }

  @Test
  void aTwoHourIntervalSumsTheModelsEstimatesOfItsBars() {
    List<ScoredInterval> scored = scored();
    assertThat(scored.get(5).modelLong()).isCloseTo(scored.get(0).modelLong() + scored.get(1).modelLong(), within(1e-6));
  }

  @Test
  void theReportCountsIntervalsAndScoresBothPredictors() {
    BacktestReport report = new Backtest(calibration, "binance:BTCUSDT").run(
        BacktestFiles.parseBars(BARS, "bars"), BacktestFiles.parseLiquidations(LIQUIDATIONS, "liq"));
    assertThat(report.intervals()).isEqualTo(6);
    assertThat(report.modelVersion()).isEqualTo("v1");
    assertThat(report.baseline().coverage()).isBetween(0.0, 1.0);
  }

  @Test
  void scoringWindowsSelectIntervalsByStartButTheModelRunsOverEveryBar() {
    var bars = BacktestFiles.parseBars(BARS, "bars");
    var liquidations = BacktestFiles.parseLiquidations(LIQUIDATIONS, "liq");
    Backtest backtest = new Backtest(calibration, "binance:BTCUSDT");
    List<ScoredInterval> late = backtest.score(bars, liquidations, 6 * H, Long.MAX_VALUE);
    assertThat(late).extracting(ScoredInterval::startMs).containsExactly(6 * H, 7 * H);
    assertThat(late.get(0)).isEqualTo(scored().get(3));
  }
}
