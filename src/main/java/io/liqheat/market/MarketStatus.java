package io.liqheat.market;

/**
 * Where a market stands: the journal's side (frozen windows, chain head) and the live side.
 *
 * @param liveChecksum checksum of the live model state
 * @param watermarkMs exchange time the input has reached, or {@link MarketState#NONE}
 */
public record MarketStatus(
    MarketId market,
    String modelVersion,
    long lastFrozenWindowStartMs,
    long framesFrozen,
    String lastChecksum,
    String liveChecksum,
    long watermarkMs,
    MarketCounters counters) implements CborSerializable {}
