package io.liqheat.market;

import io.liqheat.model.ModelSnapshot;

/** An immutable copy of a {@link MarketState}, as the snapshot store keeps it. */
public record MarketSnapshot(
    MarketId market,
    String modelVersion,
    long lastFrozenWindowStartMs,
    String lastChecksum,
    long framesFrozen,
    double closePrice,
    ModelSnapshot model) implements CborSerializable {}
