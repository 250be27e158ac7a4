package io.liqheat.ingest;

import io.liqheat.market.MarketId;

/**
 * One normalized observation from an exchange, as a parser produces it: sizes in base units, prices
 * in USD, times are the exchange's event times in epoch milliseconds. Connectors collect these into
 * {@link io.liqheat.market.InputBatch}es per market; nothing downstream knows which exchange's wire
 * format it came from.
 */
public sealed interface MarketInput {

  MarketId market();

  long timeMs();

  /** A trade; {@code takerBuy} is true when the aggressor bought. */
  record Trade(MarketId market, long timeMs, double price, double size, boolean takerBuy) implements MarketInput {}

  record MarkPrice(MarketId market, long timeMs, double price) implements MarketInput {}

  /** Open interest in base units and in USD (the exchange's value, or base × mark when it gives none). */
  record OpenInterest(MarketId market, long timeMs, double oiBase, double oiUsd) implements MarketInput {}

  /** The long/short account ratio: accounts net long ÷ accounts net short. */
  record LongShortRatio(MarketId market, long timeMs, double longShortRatio) implements MarketInput {}

  /** A forced liquidation the exchange printed; {@code longLiquidated} names the side that was closed. */
  record Liquidation(MarketId market, long timeMs, boolean longLiquidated, double price, double size)
      implements MarketInput {}

  /** The exchange's clock reached {@code timeMs} for this market even if nothing traded. */
  record Heartbeat(MarketId market, long timeMs) implements MarketInput {}
}
