package io.liqheat.ingest;

import io.liqheat.market.InputBatch;
import io.liqheat.market.InputBatchBuilder;
import io.liqheat.market.MarketId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Groups parsed inputs into one {@link InputBatch} per market. Not thread-safe: one assembler per
 * stream stage. Inputs keep their arrival order within a market, which is the exchange's order.
 */
public final class BatchAssembler implements ParseSink {

  private final Map<MarketId, InputBatchBuilder> builders = new LinkedHashMap<>();
  private final ConnectorMonitor monitor;
  private int inputs;
  private int trades;
  private MarketId lastMarket;
  private InputBatchBuilder lastBuilder;

  public BatchAssembler(ConnectorMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public void input(MarketInput input) {
    // Consecutive inputs are mostly of one market (a frame's trades, a market's burst): a map look-up
    // per input only when the market changes. Parsers hand out their configured MarketId instances.
    InputBatchBuilder builder;
    if (input.market() == lastMarket) {
      builder = lastBuilder;
    } else {
      builder = builders.computeIfAbsent(input.market(), market -> InputBatch.builder());
      lastMarket = input.market();
      lastBuilder = builder;
    }
    inputs++;
    // Java 17 has no pattern switch; the sealed interface keeps this chain complete.
    if (input instanceof MarketInput.Trade t) {
      builder.trade(t.timeMs(), t.price(), t.size(), t.takerBuy());
      trades++;
    } else if (input instanceof MarketInput.MarkPrice m) {
      builder.mark(m.timeMs(), m.price());
    } else if (input instanceof MarketInput.OpenInterest o) {
      builder.openInterest(o.timeMs(), o.oiBase(), o.oiUsd());
    } else if (input instanceof MarketInput.LongShortRatio r) {
      builder.ratio(r.timeMs(), r.longShortRatio());
    } else if (input instanceof MarketInput.Liquidation l) {
      builder.liquidation(l.timeMs(), l.longLiquidated(), l.price(), l.size());
    } else if (input instanceof MarketInput.Heartbeat h) {
      builder.heartbeat(h.timeMs());
    }
  }

  @Override
  public void malformed(MarketId market, String reason) {
    monitor.malformed(market, reason);
  }

  public int inputs() {
    return inputs;
  }

  public int trades() {
    return trades;
  }

  /** The batches collected so far, in first-seen market order; the assembler is empty afterwards. */
  public Map<MarketId, InputBatch> drain() {
    Map<MarketId, InputBatch> batches = new LinkedHashMap<>();
    builders.forEach((market, builder) -> batches.put(market, builder.build()));
    builders.clear();
    lastMarket = null;
    lastBuilder = null;
    inputs = 0;
    trades = 0;
    return batches;
  }
}
