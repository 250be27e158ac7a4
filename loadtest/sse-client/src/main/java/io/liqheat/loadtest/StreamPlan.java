package io.liqheat.loadtest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * Which stream each subscriber opens: market streams round-robin over every market, and every
 * {@code 1/assetShare}-th subscriber an asset stream instead, alternating between all exchanges and
 * a two-exchange filter, so the summed asset views are loaded as well.
 */
final class StreamPlan {

  private final List<Market> markets;
  private final List<String> assets;
  private final int assetEvery;

  StreamPlan(List<Market> markets, double assetShare) {
    if (markets.isEmpty()) {
      throw new IllegalStateException("the server lists no markets");
    }
    this.markets = List.copyOf(markets);
    this.assets = List.copyOf(new TreeSet<>(markets.stream().map(Market::baseAsset).toList()));
    this.assetEvery = assetShare <= 0 ? Integer.MAX_VALUE : (int) Math.max(1, Math.round(1 / assetShare));
  }

  /** The path and query of subscriber {@code i}'s stream. */
  String path(int i) {
    if (i % assetEvery == 0) {
      int n = i / assetEvery;
      String asset = assets.get(n % assets.size());
      String filter = (n / assets.size()) % 2 == 0 ? "" : "?exchanges=binance,bybit";
      return "/api/v1/assets/" + asset + "/bands/stream" + filter;
    }
    Market market = markets.get(i % markets.size());
    return "/api/v1/markets/" + URLEncoder.encode(market.id(), StandardCharsets.UTF_8) + "/bands/stream";
  }

  boolean isAsset(int i) {
    return i % assetEvery == 0;
  }
}
