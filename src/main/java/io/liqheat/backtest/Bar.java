package io.liqheat.backtest;

import io.liqheat.model.Step;

/**
 * One bar of the backtest input: OHLC, OI in USD at the close, and the optional columns.
 *
 * @param openTimeMs epoch ms UTC of the bar's open
 * @param volume base-unit volume, or NaN
 * @param longShortRatio long/short account ratio, or NaN
 * @param takerBuyVolume base-unit taker buy volume, or NaN
 * @param takerSellVolume base-unit taker sell volume, or NaN
 */
public record Bar(
    long openTimeMs,
    double open,
    double high,
    double low,
    double close,
    double openInterestUsd,
    double volume,
    double longShortRatio,
    double takerBuyVolume,
    double takerSellVolume) {

  /** The model step this bar stands for; see {@link Step#ofBar}. */
  public Step toStep() {
    return Step.ofBar(openTimeMs, open, high, low, close, openInterestUsd)
        .withVolumes(volume, takerBuyVolume, takerSellVolume)
        .withLongShortRatio(longShortRatio);
  }
}
