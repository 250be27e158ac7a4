package io.liqheat.backtest;

/**
 * The accuracy table: the model against the range × OI baseline over the same intervals. Its JSON
 * form is the {@code backtest --json} output, field for field.
 */
public record BacktestReport(
    int intervals, String modelVersion, AccuracyMetrics model, AccuracyMetrics baseline) {}
