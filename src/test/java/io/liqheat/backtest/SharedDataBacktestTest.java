package io.liqheat.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.liqheat.model.CalibrationLoader;
import io.liqheat.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backtest on the real development set (1h BTC bars with OI, realized liquidations). No accuracy
 * threshold is asserted: the figures are reported in the README, not tuned to pass a test.
 */
class SharedDataBacktestTest {

  @Test
  void runsOverTheDevelopmentSetWithFiniteFigures() {
    List<Bar> bars = BacktestFiles.readBars(SharedData.require("backtest/btc-1h-2025-12-to-2026-05-bars.csv"));
    List<RealizedLiquidations> realized = BacktestFiles.readLiquidations(
        SharedData.require("backtest/btc-1h-2025-12-to-2026-05-liquidations.csv"));

    BacktestReport report = new Backtest(
        CalibrationLoader.active(ConfigFactory.defaultReference().resolve()), "binance:BTCUSDT").run(bars, realized);

    // 3995 hourly bars without gaps: every interval but the first bar's is covered.
    assertThat(bars).hasSize(3995);
    assertThat(report.intervals()).isEqualTo(3994);
    for (AccuracyMetrics metrics : List.of(report.model(), report.baseline())) {
      assertThat(metrics.spearmanLong()).isFinite();
      assertThat(metrics.spearmanShort()).isFinite();
      assertThat(metrics.spearmanBoth()).isFinite();
      assertThat(metrics.coverage()).isFinite();
    }
  }
}
