package io.liqheat.http;

import io.liqheat.model.Band;
import io.liqheat.model.Side;
import java.util.List;

/**
 * The strongest band of one side within one expected move of the price: where the next leg would
 * meet the most liquidations. Distances are from the price to the band's nearer edge.
 */
public record NearestCluster(String side, double low, double high, double notionalUsd, double distancePct,
    double distanceSigma) {

  /** Null when no band of the side starts within the move. */
  public static NearestCluster of(List<Band> bands, Side side, double price, ExpectedMove move) {
    if (move == null || !(move.sigmaPct() > 0)) {
      return null;
    }
    double reach = move.sigmaPct() / 100;
    Band strongest = null;
    double strongestDistance = 0;
    for (Band band : bands) {
      if (band.side() != side) {
        continue;
      }
      double distance = side == Side.LONG ? (price - band.high()) / price : (band.low() - price) / price;
      distance = Math.max(0, distance);
      if (distance <= reach && (strongest == null || band.notionalUsd() > strongest.notionalUsd())) {
        strongest = band;
        strongestDistance = distance;
      }
    }
    if (strongest == null) {
      return null;
    }
    return new NearestCluster(side.wireName(), strongest.low(), strongest.high(), strongest.notionalUsd(),
        100 * strongestDistance, 100 * strongestDistance / move.sigmaPct());
  }
}
