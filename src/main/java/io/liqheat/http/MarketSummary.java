package io.liqheat.http;

/**
 * One entry of {@code GET /api/v1/markets}.
 *
 * @param connector connected, stale, reconnecting, backfilling (or connecting, stopped); "unknown"
 *     when this node runs no connector for the exchange
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
