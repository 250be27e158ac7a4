package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.liqheat.model.Band;
import io.liqheat.model.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestClusterTest {

  private static final double PRICE = 100_000;
  /** One σ of the move is 2 %: bands whose nearer edge is within 2 000 of the price count. */
  private static final ExpectedMove TWO_PERCENT = new ExpectedMove(240, 2.0, 47);

  private static final List<Band> BANDS = List.of(
      // Longs are liquidated below the price: nearer edge is the band's high.
      new Band(Side.LONG, 99_000, 99_500, 5e6, 0.5),    // 0.5 % away
      new Band(Side.LONG, 98_200, 98_500, 9e6, 0.8),    // 1.5 % away, strongest within
      new Band(Side.LONG, 90_000, 97_000, 50e6, 1.0),   // 3 % away: beyond the move
      // Shorts are liquidated above: nearer edge is the band's low.
      new Band(Side.SHORT, 100_800, 101_000, 7e6, 0.9), // 0.8 % away, strongest within
      new Band(Side.SHORT, 101_200, 101_900, 3e6, 0.4), // 1.2 % away
      new Band(Side.SHORT, 102_500, 103_000, 80e6, 1.0)); // 2.5 % away: beyond

  @Test
  void theStrongestBandWithinTheMoveOnEachSideWithItsDistanceInPercentAndSigma() {
    NearestCluster longs = NearestCluster.of(BANDS, Side.LONG, PRICE, TWO_PERCENT);
    NearestCluster shorts = NearestCluster.of(BANDS, Side.SHORT, PRICE, TWO_PERCENT);

    assertThat(longs.side()).isEqualTo("long");
    assertThat(longs.low()).isEqualTo(98_200);
    assertThat(longs.high()).isEqualTo(98_500);
    assertThat(longs.notionalUsd()).isEqualTo(9e6);
    // (100 000 − 98 500) / 100 000 = 1.5 %; 1.5 % / 2 % = 0.75 σ.
    assertThat(longs.distancePct()).isCloseTo(1.5, within(1e-9));
    assertThat(longs.distanceSigma()).isCloseTo(0.75, within(1e-9));

    assertThat(shorts.side()).isEqualTo("short");
    assertThat(shorts.low()).isEqualTo(100_800);
    assertThat(shorts.notionalUsd()).isEqualTo(7e6);
    // (100 800 − 100 000) / 100 000 = 0.8 %; 0.8 % / 2 % = 0.4 σ.
    assertThat(shorts.distancePct()).isCloseTo(0.8, within(1e-9));
    assertThat(shorts.distanceSigma()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void aWiderMoveReachesTheStrongerBandsFurtherAway() {
    ExpectedMove fourPercent = new ExpectedMove(240, 4.0, 47);

    NearestCluster longs = NearestCluster.of(BANDS, Side.LONG, PRICE, fourPercent);
    NearestCluster shorts = NearestCluster.of(BANDS, Side.SHORT, PRICE, fourPercent);

    assertThat(longs.notionalUsd()).isEqualTo(50e6);
    assertThat(longs.distancePct()).isCloseTo(3.0, within(1e-9));
    assertThat(longs.distanceSigma()).isCloseTo(0.75, within(1e-9));
    assertThat(shorts.notionalUsd()).isEqualTo(80e6);
    assertThat(shorts.distanceSigma()).isCloseTo(0.625, within(1e-9));
  }

  @Test
  void aBandAcrossThePriceIsAtDistanceZero() {
    List<Band> straddling = List.of(new Band(Side.SHORT, 99_900, 100_300, 1e6, 1.0));

    NearestCluster shorts = NearestCluster.of(straddling, Side.SHORT, PRICE, TWO_PERCENT);

    assertThat(shorts.distancePct()).isZero();
    assertThat(shorts.distanceSigma()).isZero();
  }

  @Test
  void noneWhenNoBandOfTheSideLiesWithinTheMove() {
    ExpectedMove tight = new ExpectedMove(240, 0.3, 47);

    assertThat(NearestCluster.of(BANDS, Side.LONG, PRICE, tight)).isNull();
    assertThat(NearestCluster.of(BANDS, Side.SHORT, PRICE, tight)).isNull();
    // Only the other side's bands within reach: still none for this side.
    List<Band> shortsOnly = BANDS.stream().filter(band -> band.side() == Side.SHORT).toList();
    assertThat(NearestCluster.of(shortsOnly, Side.LONG, PRICE, TWO_PERCENT)).isNull();
  }

  @Test
  void noneWithoutAnExpectedMove() {
    assertThat(NearestCluster.of(BANDS, Side.LONG, PRICE, null)).isNull();
    assertThat(NearestCluster.of(BANDS, Side.SHORT, PRICE, new ExpectedMove(240, 0.0, 47))).isNull();
  }
}
