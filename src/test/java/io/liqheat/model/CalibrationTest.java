package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An invalid calibration stops with a message that names the key at fault. */
class CalibrationTest {

  private static final String V1 = "liqheat.model.versions.v1.";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "tier-weights = [0.5, 0.4, 0.1, 0, 0, 0, 0, 0.1]                  | tier-weights   | sum to 1",
      "tier-weights = [0.5, 0.5]                                         | tier-weights   | 2 weights for 8 tiers",
      "leverage-tiers = [1, 10, 20, 25, 50, 75, 100, 125]                | leverage-tiers | above 1",
      "leverage-tiers = [5, 10, 20, 25, 50, 75, 125, 100]                | leverage-tiers | ascend",
      "tier-bracket = smallest, mmr-brackets = [{notional-up-to-usd = 1e9, mmr = 0.3, max-leverage = 125}] | mmr-brackets | too high for 5.0x",
      "mmr-brackets = [{notional-up-to-usd = 1e9, mmr = 0.004, max-leverage = 20}] | mmr-brackets | no bracket admits leverage 25.0x",
      "grid.kind = logarithmic                                           | grid.kind      | not one of",
      "grid.width = 0.5                                                  | grid.width     | below 0.1",
      "split.source = vibes                                              | split.source   | not one of",
      "decay-half-life = [1h]                                            | decay-half-life | 1 entries for 8 tiers",
      "seed.points = 0                                                   | seed.points    | 1 to 100000",
      "range-blend = 1.5                                                 | range-blend    | between 0.0 and 1.0",
      "turnover.max-per-step = -0.1                                      | turnover.max-per-step | between",
      "closing-rule = random                                             | closing-rule   | not one of",
  })
  void namesTheKeyOfEveryMistake(String override, String key, String problem) {
    assertThatThrownBy(() -> TestCalibrations.with(override))
        .isInstanceOf(InvalidCalibrationException.class)
        .hasMessageStartingWith(V1 + key)
        .hasMessageContaining(problem);
  }

  @Test
  void aMissingKeyIsNamed() {
    var config = ConfigFactory.parseString("liqheat.model.versions.bare { leverage-tiers = [10] }")
        .withFallback(ConfigFactory.defaultReference()).resolve();
    assertThatThrownBy(() -> CalibrationLoader.load(config, "bare"))
        .isInstanceOf(InvalidCalibrationException.class)
        .hasMessageStartingWith("liqheat.model.versions.bare.tier-weights")
        .hasMessageContaining("missing");
  }

  @Test
  void anUnknownVersionListsTheConfiguredOnes() {
    assertThatThrownBy(() -> CalibrationLoader.load(TestCalibrations.config(""), "v9"))
        .isInstanceOf(InvalidCalibrationException.class)
        .hasMessageContaining("liqheat.model.versions.v9")
        .hasMessageContaining("v1");
  }

  @Test
  void aMarketsOwnBracketsOverrideTheDefaultOnes() {
    Calibration calibration = TestCalibrations.with(
        "tier-bracket = smallest, mmr-brackets-by-market { \"okx:BTC-USDT-SWAP\" = "
            + "[{notional-up-to-usd = 1e6, mmr = 0.006, max-leverage = 125}] }");
    assertThat(calibration.tierMaintenanceMarginRates("okx:BTC-USDT-SWAP")).containsOnly(0.006);
    assertThat(calibration.tierMaintenanceMarginRates("binance:BTCUSDT")).containsOnly(0.004);
  }

  @Test
  void largestAllowedPicksTheBiggestBracketATiersLeverageMayUse() {
    Calibration calibration = TestCalibrations.defaults();
    // Binance BTCUSDT: 125x → 50k (0.4 %), 100x and 75x → 250k (0.5 %), 50x and 25x → 1M (1 %),
    // 20x → 10M (2.5 %), 10x → 20M (5 %), 5x → 50M (10 %).
    assertThat(calibration.tierMaintenanceMarginRates("binance:BTCUSDT"))
        .containsExactly(0.10, 0.05, 0.025, 0.01, 0.01, 0.005, 0.005, 0.004);
  }
}
