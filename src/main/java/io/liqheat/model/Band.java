package io.liqheat.model;

/**
 * A merged run of price bins where estimated liquidation notional concentrates.
 *
 * @param side whose positions would be liquidated there
 * @param low lower price bound
 * @param high upper price bound
 * @param notionalUsd estimated notional that would be liquidated across the band
 * @param intensity 0..1, the band's strongest bin ranked among that side's bins in view; 1 is the
 *     most concentrated level of that side
 */
public record Band(Side side, double low, double high, double notionalUsd, double intensity) {}
