package io.liqheat.sim;

import io.liqheat.market.MarketId;
import java.util.List;

/**
 * One simulated market and its trader population.
 *
 * @param startPrice price at the start of the simulated history
 * @param dailyVolatility typical daily standard deviation of log returns (0.03 = 3 %); the
 *     simulated volatility clusters around it
 * @param tradesPerSecond mean rate of trades, opens and closes included
 * @param opensPerSecond mean rate at which traders open positions
 * @param meanPositionUsd mean notional of a new position (log-normally spread)
 * @param leverageTiers the leverages traders choose from, with {@code leverageWeights}
 * @param maintenanceMarginRate the isolated maintenance margin rate of the liquidation formula
 * @param contractSize base units per contract, for exchanges that count in contracts (OKX ctVal)
 */
public record SimMarketSpec(
    MarketId market,
    double startPrice,
    double dailyVolatility,
    double tradesPerSecond,
    double opensPerSecond,
    double meanPositionUsd,
    List<Integer> leverageTiers,
    List<Double> leverageWeights,
    double maintenanceMarginRate,
    double contractSize) {

  public SimMarketSpec {
    leverageTiers = List.copyOf(leverageTiers);
    leverageWeights = List.copyOf(leverageWeights);
    if (leverageTiers.isEmpty() || leverageTiers.size() != leverageWeights.size()) {
      throw new IllegalArgumentException(market + ": leverage tiers and weights must be non-empty and of one length");
    }
    if (!(startPrice > 0 && dailyVolatility > 0 && tradesPerSecond > 0 && opensPerSecond > 0 && meanPositionUsd > 0
        && contractSize > 0 && maintenanceMarginRate >= 0)) {
      throw new IllegalArgumentException(market + ": every rate, price and size must be positive");
    }
  }

  /** A market with the demo's defaults: leverage mostly 10–25x, a tail up to 100x. */
  public static SimMarketSpec typical(MarketId market, double startPrice, double contractSize) {
    return new SimMarketSpec(market, startPrice, 0.03, 6, 0.6, 25_000,
        List.of(5, 10, 20, 25, 50, 100), List.of(0.10, 0.25, 0.25, 0.20, 0.12, 0.08), 0.004, contractSize);
  }
}
