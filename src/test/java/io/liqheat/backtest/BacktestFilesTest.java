package io.liqheat.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A malformed row stops the run with its line number; nothing is silently skipped. */
class BacktestFilesTest {

  private static final String HEADER = "open_time,open,high,low,close,open_interest_usd\n";
  private static final String GOOD = "0,100,101,99,100,1000\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not a number     | 3600000,abc,101,99,100,1000         | bars line 3: column open is not a number",
      "high below low   | 3600000,100,99,101,100,1000         | bars line 3: high 99.0 is below low 101.0",
      "missing cell     | 3600000,100,101,99,,1000            | bars line 3: column close is empty",
      "negative OI      | 3600000,100,101,99,100,-5           | bars line 3: column open_interest_usd must not be negative",
      "time goes back   | -1,100,101,99,100,1000              | bars line 3: open_time -1 does not follow",
      "close outside    | 3600000,100,101,99,150,1000         | bars line 3: open and close must lie within",
      "infinite         | 3600000,100,Infinity,99,100,1000    | bars line 3: column high is not a finite number",
      "bad time         | 2026-01-01,100,101,99,100,1000      | bars line 3: column open_time is not epoch milliseconds",
  })
  void namesTheLineOfABadBar(String name, String row, String message) {
    assertThatThrownBy(() -> BacktestFiles.parseBars(HEADER + GOOD + row + "\n", "bars"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aMissingColumnIsNamed() {
    assertThatThrownBy(() -> BacktestFiles.parseBars("open_time,open,high,low,close\n0,1,1,1,1\n", "bars"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("missing column open_interest_usd");
  }

  @Test
  void optionalColumnsAreReadAndExtraColumnsIgnored() {
    var bars = BacktestFiles.parseBars(
        "open_time,open,high,low,close,open_interest_usd,volume,long_short_ratio,taker_buy_volume,taker_sell_volume,extra\n"
            + "0,100,101,99,100,1000,12,1.5,7,5,whatever\n", "bars");
    assertThat(bars.get(0).volume()).isEqualTo(12);
    assertThat(bars.get(0).toStep().longShortRatio()).isEqualTo(1.5);
    assertThat(bars.get(0).toStep().takerBuyVolume()).isEqualTo(7);
  }

  @Test
  void aLiquidationIntervalMustEndAfterItStarts() {
    assertThatThrownBy(() -> BacktestFiles.parseLiquidations(
            "start_time,end_time,long_usd,short_usd\n10,5,1,1\n", "liq"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("liq line 2: end_time must be after start_time");
  }
}
