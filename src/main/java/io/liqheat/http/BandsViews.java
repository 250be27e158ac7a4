package io.liqheat.http;

import io.liqheat.market.LiveFrame;
import io.liqheat.market.LiveView;
import io.liqheat.market.MarketId;
import io.liqheat.model.Band;
import io.liqheat.model.BandExtractor;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link BandsView} from live frames and display parameters. Several frames (an asset view)
 * are summed in USD first; the display parameters then shape a copy, so no parameter can change the
 * estimate.
 */
final class BandsViews {

  private BandsViews() {}

  /**
   * @param frames the newest frame of each market, null where a market has none yet
   * @param closes recent five-minute closes of the subject's markets, each oldest first
   */
  static BandsView of(String subject, List<MarketId> markets, List<LiveFrame> frames, List<List<Double>> closes,
      long lastFrozenWindowStart, DisplayQuery query, Duration horizon) {
    List<DensityFrame> densities = new ArrayList<>();
    double priceSum = 0;
    int priced = 0;
    long asOf = 0;
    long publishedAt = 0;
    String modelVersion = null;
    for (LiveFrame frame : frames) {
      if (frame == null || frame.frame() == null || !Double.isFinite(frame.price())) {
        continue;
      }
      densities.add(frame.frame());
      priceSum += frame.price();
      priced++;
      asOf = Math.max(asOf, frame.asOfMs());
      publishedAt = Math.max(publishedAt, frame.publishedMs());
      modelVersion = frame.modelVersion();
    }
    List<String> ids = markets.stream().map(MarketId::toString).toList();
    if (densities.isEmpty()) {
      return new BandsView(subject, ids, modelVersion, asOf, publishedAt, null, List.of(), null,
          new BandsView.Nearest(null, null), lastFrozenWindowStart, LiveView.LIMITS);
    }
    double price = priceSum / priced;
    DensityFrame density = densities.size() == 1 ? densities.get(0) : DensityFrame.sum(densities);
    List<Band> bands = BandExtractor.extract(query.shape(density), query.bandQuery(price));
    ExpectedMove move = ExpectedMove.ofMarkets(closes, horizon);
    BandsView.Nearest nearest = new BandsView.Nearest(
        NearestCluster.of(bands, Side.LONG, price, move), NearestCluster.of(bands, Side.SHORT, price, move));
    return new BandsView(subject, ids, modelVersion, asOf, publishedAt, price, bands.stream().map(BandDto::of).toList(), move,
        nearest, lastFrozenWindowStart, LiveView.LIMITS);
  }
}
