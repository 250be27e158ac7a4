package io.liqheat.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {

  private static final long START = 1_790_000_000_000L;
  private final SimMarketSpec spec = SimMarketSpec.typical(MarketId.parse("binance:BTCUSDT"), 60_000, 1);

  @Test
  void openInterestIsTheSumOfOpenPositions() {
    SimulatedMarket market = new SimulatedMarket(spec, 7, START);
    market.advance(START + 3 * 3600_000L, event -> {});
    double recount = market.positions().stream().mapToDouble(SimulatedMarket.PositionView::size).sum();
    assertThat(market.openPositions()).isGreaterThan(1000);
    assertThat(market.openInterestBase()).isCloseTo(recount, within(recount * 1e-9));
    assertThat(market.recountOpenInterestBase()).isCloseTo(recount, within(recount * 1e-12));
  }

  @Test
  void liquidationsPrintAtLevelsTheMarkCrossedAndRemoveThosePositions() {
    SimulatedMarket market = new SimulatedMarket(spec, 11, START);
    List<SimEvent> events = new ArrayList<>();
    double[] low = {Double.MAX_VALUE};
    double[] high = {0};
    market.advance(START + 6 * 3600_000L, event -> {
      events.add(event);
      if (event instanceof SimEvent.Mark mark) {
        low[0] = Math.min(low[0], mark.markPrice());
        high[0] = Math.max(high[0], mark.markPrice());
      }
    });
    List<SimEvent.Liquidation> liquidations = events.stream()
        .filter(SimEvent.Liquidation.class::isInstance).map(SimEvent.Liquidation.class::cast).toList();
    assertThat(liquidations).isNotEmpty();
    for (SimEvent.Liquidation liquidation : liquidations) {
      // A long's level is at or above the price that triggered it; it cannot lie above the highest mark.
      if (liquidation.longLiquidated()) {
        assertThat(liquidation.price()).isGreaterThanOrEqualTo(low[0] * 0.999);
      } else {
        assertThat(liquidation.price()).isLessThanOrEqualTo(high[0] * 1.001);
      }
    }
    double mark = market.markPrice();
    for (SimulatedMarket.PositionView position : market.positions()) {
      if (position.isLong()) {
        assertThat(position.liquidationPrice()).isLessThan(mark);
      } else {
        assertThat(position.liquidationPrice()).isGreaterThan(mark);
      }
    }
  }

  @Test
  void marksAndOpenInterestComeOnceASecondAtTheMarketsPhase() {
    SimulatedMarket market = new SimulatedMarket(spec, 7, START, 300);
    List<Long> markTimes = new ArrayList<>();
    List<Long> openInterestTimes = new ArrayList<>();
    market.advance(START + 10_000, event -> {
      if (event instanceof SimEvent.Mark mark) {
        markTimes.add(mark.timeMs());
      } else if (event instanceof SimEvent.OpenInterest openInterest) {
        openInterestTimes.add(openInterest.timeMs());
      }
    });
    List<Long> expected = new ArrayList<>();
    for (long second = START; second < START + 10_000; second += 1_000) {
      expected.add(second + 300);
    }
    assertThat(markTimes).isEqualTo(expected);
    assertThat(openInterestTimes).isEqualTo(expected);
  }

  @Test
  void aPhaseOffTheTickGridOrOutsideTheSecondIsRefused() {
    for (long phase : new long[] {-100, 150, 1_000}) {
      assertThatThrownBy(() -> new SimulatedMarket(spec, 7, START, phase))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("markPhaseMs");
    }
  }

  @Test
  void theExchangeSpreadsItsMarketsPhasesOverTheSecond() {
    assertThat(IntStream.range(0, 9).mapToObj(i -> SimulatedExchange.markPhaseMs(i, 9)).toList())
        .containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L);
    assertThat(IntStream.range(0, 20).mapToObj(i -> SimulatedExchange.markPhaseMs(i, 20)).distinct())
        .hasSize(10).allMatch(phase -> phase >= 0 && phase < 1_000 && phase % 100 == 0);
    assertThat(SimulatedExchange.markPhaseMs(0, 1)).isZero();
  }

  @Test
  void theSameSeedGivesTheSameMarket() {
    SimulatedMarket a = new SimulatedMarket(spec, 3, START);
    SimulatedMarket b = new SimulatedMarket(spec, 3, START);
    a.advance(START + 3600_000L, event -> {});
    b.advance(START + 3600_000L, event -> {});
    assertThat(a.candles()).isEqualTo(b.candles());
    assertThat(a.openInterestBase()).isEqualTo(b.openInterestBase());
  }

  @Test
  void truthBinsHoldEveryPositionsNotional() {
    SimulatedMarket market = new SimulatedMarket(spec, 5, START);
    market.advance(START + 3600_000L, event -> {});
    List<LiquidationTruth.Bin> bins = LiquidationTruth.bins(market.positions(), market.markPrice(), 0.001);
    double binned = bins.stream().mapToDouble(bin -> bin.longUsd() + bin.shortUsd()).sum();
    double direct = market.positions().stream().mapToDouble(p -> p.size() * p.liquidationPrice()).sum();
    assertThat(binned).isCloseTo(direct, within(direct * 1e-9));
    for (LiquidationTruth.Bin bin : bins) {
      if (bin.longUsd() > 0) {
        assertThat(bin.low()).isLessThan(market.markPrice());
      }
    }
  }
}
