package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
