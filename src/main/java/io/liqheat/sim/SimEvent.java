package io.liqheat.sim;

/**
 * What a simulated market emits, in exchange-neutral form; each exchange's routes render it in that
 * exchange's wire format. Sizes are in base units, prices in USD, times in epoch milliseconds.
 */
public sealed interface SimEvent {

  long timeMs();

  /** A trade; {@code takerBuy} is true when the aggressor bought. */
  record Trade(long timeMs, long tradeId, double price, double size, boolean takerBuy) implements SimEvent {}

  /** The mark price, published once a simulated second. */
  record Mark(long timeMs, double markPrice, double indexPrice, double fundingRate, long nextFundingMs)
      implements SimEvent {}

  /** Open interest: the sum of the open positions, in base units and USD at the mark. */
  record OpenInterest(long timeMs, double oiBase, double oiUsd) implements SimEvent {}

  /** A forced liquidation at the level the mark crossed; {@code longLiquidated} names the closed side. */
  record Liquidation(long timeMs, boolean longLiquidated, double price, double size) implements SimEvent {}
}
