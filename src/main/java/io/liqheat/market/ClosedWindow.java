package io.liqheat.market;

import io.liqheat.model.Step;
import java.util.List;

/**
 * A window whose input is complete (the watermark passed its end plus the grace), ready to freeze.
 * Empty windows are closed too, with no steps and coverage 0, so history has no holes.
 */
public record ClosedWindow(
    long startMs,
    List<Step> steps,
    Candle candle,
    double oiCloseBase,
    double oiCloseUsd,
    double coverage,
    double printedLongUsd,
    double printedShortUsd,
    double closePrice) {}
