package io.liqheat.backtest;

/** Liquidations that really happened in {@code [startMs, endMs)}, per side, in USD. */
public record RealizedLiquidations(long startMs, long endMs, double longUsd, double shortUsd) {}
