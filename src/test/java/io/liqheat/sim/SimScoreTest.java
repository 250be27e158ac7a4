package io.liqheat.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SimScoreTest {

  private static final double PRICE = 100;

  /** A density frame that puts every position's notional exactly where the truth has it. */
  private static DensityFrame exact(List<SimulatedMarket.PositionView> positions, double scale) {
    PriceGrid grid = PriceGrid.relative(0.0005);
    TreeMap<Integer, double[]> bins = new TreeMap<>();
    for (SimulatedMarket.PositionView p : positions) {
      double[] usd = bins.computeIfAbsent(grid.indexOf(p.liquidationPrice()), k -> new double[2]);
      usd[p.isLong() ? 0 : 1] += p.size() * p.liquidationPrice() * scale;
    }
    int[] index = bins.keySet().stream().mapToInt(Integer::intValue).toArray();
    double[] longs = bins.values().stream().mapToDouble(v -> v[0]).toArray();
    double[] shorts = bins.values().stream().mapToDouble(v -> v[1]).toArray();
    return new DensityFrame(grid.kind(), grid.width(), index, longs, shorts);
  }

  private static List<SimulatedMarket.PositionView> population() {
    List<SimulatedMarket.PositionView> positions = new ArrayList<>();
    // One level in the middle of each 0.5 % score bin, so the density grid cannot move it to a neighbour.
    for (int i = 0; i < 19; i++) {
      double steps = Math.pow(1.005, i + 0.5);
      positions.add(new SimulatedMarket.PositionView(true, i + 1, 100, 10, PRICE / steps));
      positions.add(new SimulatedMarket.PositionView(false, 19 - i, 100, 10, PRICE * steps));
    }
    return positions;
  }

  @Test
  void anEstimateThatRanksLikeTheTruthScoresOneWhateverItsScale() {
    SimScore score = SimScore.of(exact(population(), 0.01), population(), PRICE, 0.10, 0.005);
    assertThat(score.spearmanLong()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(score.spearmanShort()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(score.spearmanBoth()).isGreaterThan(0.99);
  }

  @Test
  void anEstimateWithTheSidesSwappedScoresBadly() {
    List<SimulatedMarket.PositionView> mirrored = population().stream()
        .map(p -> new SimulatedMarket.PositionView(p.isLong(), 20 - p.size(), p.entry(), p.leverage(), p.liquidationPrice()))
        .toList();
    SimScore score = SimScore.of(exact(mirrored, 1), population(), PRICE, 0.10, 0.005);
    assertThat(score.spearmanLong()).isLessThan(0);
  }
}
