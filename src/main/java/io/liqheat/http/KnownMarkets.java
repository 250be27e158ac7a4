package io.liqheat.http;

import io.liqheat.market.InvalidMarketIdException;
import io.liqheat.market.MarketId;
import java.util.function.Predicate;

/**
 * The one rule for a market id in a path, shared by the live and the history routes: a malformed
 * id is a 400, a well-formed one this node was not configured with is a 404.
 */
final class KnownMarkets {

  private KnownMarkets() {}

  static MarketId require(String id, Predicate<MarketId> configured) {
    MarketId market;
    try {
      market = MarketId.parse(id);
    } catch (InvalidMarketIdException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (!configured.test(market)) {
      throw ApiException.notFound("no market " + market + "; GET /api/v1/markets lists them");
    }
    return market;
  }
}
