package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleToIntFunction;
import org.junit.jupiter.api.Test;

class PriceGridTest {

  @Test
  void anAbsoluteGridCutsThePriceAxisIntoTicks() {
    PriceGrid grid = PriceGrid.absolute(10);
    assertThat(grid.indexOf(105)).isEqualTo(10);
    assertThat(grid.indexOf(99.999)).isEqualTo(9);
    assertThat(grid.lowerBound(10)).isEqualTo(100);
    assertThat(grid.upperBound(10)).isEqualTo(110);
    assertThat(grid.center(10)).isEqualTo(105);
  }

  @Test
  void aRelativeGridsBinsAreEachTheSameFractionOfTheirPriceWide() {
    PriceGrid grid = PriceGrid.relative(0.0005);
    for (double price : new double[] {0.00001234, 1.0, 63_512.7, 2_000_000}) {
      int bin = grid.indexOf(price);
      assertThat(grid.lowerBound(bin)).isLessThanOrEqualTo(price * (1 + 1e-12));
      assertThat(grid.upperBound(bin)).isGreaterThan(price);
      assertThat(grid.upperBound(bin) / grid.lowerBound(bin)).isCloseTo(1.0005, within(1e-9));
      assertThat(grid.center(bin)).isBetween(grid.lowerBound(bin), grid.upperBound(bin));
    }
  }

  @Test
  void twoMarketsOfOneAssetShareBinNumbersOnARelativeGrid() {
    // No reference price: the bin of a price is the same whoever computes it.
    assertThat(PriceGrid.relative(0.0005).indexOf(64_000.0)).isEqualTo(PriceGrid.relative(0.0005).indexOf(64_000.0));
    assertThat(PriceGrid.relative(0.0005)).isEqualTo(PriceGrid.relative(0.0005));
  }

  @Test
  void coarseningGroupsWholeBins() {
    PriceGrid grid = PriceGrid.relative(0.0005);
    PriceGrid coarse = grid.coarsened(4);
    assertThat(coarse.width()).isCloseTo(Math.pow(1.0005, 4) - 1, within(1e-12));
    assertThat(grid.factorFor(0.002)).isEqualTo(4);
    assertThat(PriceGrid.absolute(5).coarsened(3)).isEqualTo(PriceGrid.absolute(15));
    assertThat(grid.factorFor(0.0001)).isEqualTo(1);
  }

  @Test
  void relativeBinsAreTheStrictMathOnesEvenRightAtABinEdge() {
    // The grid locates bins with Math.log and lets StrictMath.log decide near an edge; on both sides
    // of many exact edges, the bins must be the ones the StrictMath definition gives.
    SplittableRandom random = new SplittableRandom(7);
    double[] factors = {0.81, 0.996, 1.004, 1.19};
    double[] logFactors = new double[factors.length];
    for (int i = 0; i < factors.length; i++) {
      logFactors[i] = StrictMath.log(factors[i]);
    }
    for (double width : new double[] {0.003, 0.0005, 0.000012}) {
      PriceGrid grid = PriceGrid.relative(width);
      double inverseStep = 1.0 / StrictMath.log1p(width);
      for (int sample = 0; sample < 500; sample++) {
        double price = 0.001 * Math.pow(10, 10 * random.nextDouble());
        DoubleToIntFunction strictBin = p -> (int) Math.floor(StrictMath.log(p) * inverseStep);
        double edge = firstPriceOfNextBin(price, strictBin);
        assertThat(grid.indexOf(edge)).isEqualTo(strictBin.applyAsInt(edge));
        assertThat(grid.indexOf(Math.nextDown(edge))).isEqualTo(strictBin.applyAsInt(Math.nextDown(edge)));

        int tier = sample % factors.length;
        DoubleToIntFunction strictScaledBin =
            p -> (int) Math.floor((StrictMath.log(p) + logFactors[tier]) * inverseStep);
        double scaledEdge = firstPriceOfNextBin(price, strictScaledBin);
        int[] bins = new int[factors.length];
        for (double p : new double[] {scaledEdge, Math.nextDown(scaledEdge)}) {
          grid.indicesOfScaled(p, factors, logFactors, bins);
          assertThat(bins[tier]).isEqualTo(strictScaledBin.applyAsInt(p));
        }
      }
    }
  }

  /** The lowest price above {@code price} that {@code bin} puts in a higher bin than {@code price}. */
  private static double firstPriceOfNextBin(double price, DoubleToIntFunction bin) {
    int current = bin.applyAsInt(price);
    // Positive doubles order like their bit patterns, so a bisection over the bits finds the edge.
    long below = Double.doubleToLongBits(price);
    long above = Double.doubleToLongBits(price * 1.01);
    assertThat(bin.applyAsInt(Double.longBitsToDouble(above))).isGreaterThan(current);
    while (above - below > 1) {
      long middle = below + (above - below) / 2;
      if (bin.applyAsInt(Double.longBitsToDouble(middle)) > current) {
        above = middle;
      } else {
        below = middle;
      }
    }
    return Double.longBitsToDouble(above);
  }
}
