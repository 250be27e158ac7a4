package io.liqheat.ingest;

/**
 * One closed candle from an exchange's history endpoint, used to backfill a gap.
 *
 * @param takerBuyVolume base volume bought by takers, or NaN when the exchange does not give it
 * @param quoteVolume volume in USD, or NaN when not given (then the VWAP is taken as the typical price)
 */
public record KlineBar(
    long openTimeMs, long closeTimeMs, double open, double high, double low, double close,
    double volume, double takerBuyVolume, double quoteVolume) {}
