package io.liqheat.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;
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
