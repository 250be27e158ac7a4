package io.liqheat.backtest;

/**
 * One realized interval with the model's and the baseline's predictions for it, all in USD.
 */
public record ScoredInterval(
    long startMs,
    double modelLong,
    double modelShort,
    double baselineLong,
    double baselineShort,
    double realizedLong,
    double realizedShort) {}
