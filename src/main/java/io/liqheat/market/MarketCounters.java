package io.liqheat.market;

/**
 * Running counts of one market's input since this entity incarnation started.
 *
 * @param accepted inputs taken
 * @param late inputs dropped because their window was already frozen (or out of order)
 * @param invalid inputs dropped because a value was missing, non-finite or negative
 * @param trades trades taken
 * @param steps model steps made
 * @param lastInputMs exchange time of the newest input, or {@link MarketState#NONE}
 */
public record MarketCounters(long accepted, long late, long invalid, long trades, long steps, long lastInputMs)
    implements CborSerializable {}
