package io.liqheat.market;

/** Trades of one window: OHLC and base-unit volume. */
public record Candle(double open, double high, double low, double close, double volume) {}
