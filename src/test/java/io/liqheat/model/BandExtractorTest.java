package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BandExtractorTest {

  private static final PriceGrid GRID = PriceGrid.absolute(1);

  /** Longs in bins 90..94, shorts in 105..107, around a price of 100. */
  private static DensityFrame frame() {
    int[] bins = {90, 91, 92, 93, 94, 105, 106, 107};
    double[] longs = {1_000, 5_000, 4_000, 100, 3_000, 0, 0, 0};
    double[] shorts = {0, 0, 0, 0, 0, 2, 9, 1};
    return new DensityFrame(GRID.kind(), GRID.width(), bins, longs, shorts);
  }

  @Test
  void eachSideIsRankedOnItsOwnScale() {
    List<Band> bands = BandExtractor.extract(frame(), new BandQuery(100, 0.2, 0.0, 10));

    Band strongestShort = bands.stream().filter(b -> b.side() == Side.SHORT).findFirst().orElseThrow();
    // Shorts total 12 USD against thousands of longs, yet their strongest bin is still fully bright.
    assertThat(strongestShort.intensity()).isEqualTo(1.0);
    Band longs = bands.stream().filter(b -> b.side() == Side.LONG).findFirst().orElseThrow();
    assertThat(longs.intensity()).isEqualTo(1.0);
  }

  @Test
  void adjacentBinsAtOrAboveTheThresholdMergeIntoOneBand() {
    // Long ranks: 100→1/5, 1000→2/5, 3000→3/5, 4000→4/5, 5000→5/5.
    List<Band> bands = BandExtractor.extract(frame(), new BandQuery(100, 0.2, 0.8, 10));

    List<Band> longs = bands.stream().filter(b -> b.side() == Side.LONG).toList();
    assertThat(longs).hasSize(1);
    assertThat(longs.get(0).low()).isEqualTo(91);
    assertThat(longs.get(0).high()).isEqualTo(93);
    assertThat(longs.get(0).notionalUsd()).isEqualTo(9_000);
    assertThat(longs.get(0).intensity()).isEqualTo(1.0);
  }

  @Test
  void aWeakBinSplitsBands() {
    List<Band> bands = BandExtractor.extract(frame(), new BandQuery(100, 0.2, 0.5, 10));
    List<Band> longs = bands.stream().filter(b -> b.side() == Side.LONG).toList();
    assertThat(longs).extracting(Band::low).containsExactly(91.0, 94.0);
    assertThat(longs.get(1).intensity()).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void theStrongestBandsOfEachSideAreKeptUpToTheMaximum() {
    List<Band> bands = BandExtractor.extract(frame(), new BandQuery(100, 0.2, 0.5, 1));
    assertThat(bands).extracting(Band::side).containsExactly(Side.LONG, Side.SHORT);
    assertThat(bands.get(0).low()).isEqualTo(91);
  }

  @Test
  void binsOutsideTheWindowAreNeitherShownNorRanked() {
    List<Band> bands = BandExtractor.extract(frame(), new BandQuery(100, 0.075, 0.0, 10));
    // The window is 92.5..107.5, which starts inside bin 92: long bins 92..94 and all shorts.
    List<Band> longs = bands.stream().filter(b -> b.side() == Side.LONG).toList();
    assertThat(longs).hasSize(1);
    assertThat(longs.get(0).low()).isEqualTo(92);
    assertThat(longs.get(0).notionalUsd()).isEqualTo(7_100);
  }

  @Test
  void tiesShareTheirAverageRank() {
    int[] bins = {10, 12, 14};
    DensityFrame tied = new DensityFrame(GRID.kind(), GRID.width(), bins, new double[] {5, 5, 1}, new double[3]);
    List<Band> bands = BandExtractor.extract(tied, new BandQuery(12, 0.5, 0.0, 10));
    assertThat(bands).extracting(Band::intensity).containsExactly(2.5 / 3, 2.5 / 3, 1.0 / 3);
  }
}
