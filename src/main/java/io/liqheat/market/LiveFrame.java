package io.liqheat.market;

import io.liqheat.model.DensityFrame;

/**
 * What a market publishes to its pub-sub topic after a recompute: the live density around the
 * price, for any node's stream subscribers to cut into bands for their own viewers.
 *
 * @param publishedMs wall-clock time the entity published it, epoch ms: the start of the
 *     publish-to-receipt latency that viewers and the SSE load test measure
 */
public record LiveFrame(
    MarketId market,
    String modelVersion,
    long asOfMs,
    double price,
    DensityFrame frame,
    Candle candle,
    MarketCounters counters,
    long publishedMs) implements LiveUpdate {}
