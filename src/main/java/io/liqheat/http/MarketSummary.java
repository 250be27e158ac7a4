package io.liqheat.http;

/**
 * One entry of {@code GET /api/v1/markets}.
 *
 * @param connector the state of the connection that streams the market: connected, stale,
 *     reconnecting, backfilling (or connecting, stopped); "unknown" when no known connection streams
 *     it (the connector has not answered, is still starting, or skipped the market)
 * @param lastInputTime exchange time of the newest input, epoch ms, or null
 * @param lastFrozenWindow start of the newest frozen window, epoch ms, or null
 */
public record MarketSummary(
    String id,
    String exchange,
    String symbol,
    String baseAsset,
    String connector,
    Long lastMessageTime,
    Long lastInputTime,
    Long lastFrozenWindow,
    long framesFrozen,
    Counters counters) {

  public record Counters(long trades, long invalid, long late, long accepted) {}
}
