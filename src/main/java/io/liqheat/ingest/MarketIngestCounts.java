package io.liqheat.ingest;

/**
 * One market's inputs as counted by one connection, for the per-market ingest metrics.
 *
 * @param inputs normalized inputs assembled into batches for the market
 * @param trades trades among those inputs
 * @param invalid inputs the entity refused as invalid
 * @param late inputs the entity refused as late (their window had frozen)
 */
public record MarketIngestCounts(long inputs, long trades, long invalid, long late) {}
