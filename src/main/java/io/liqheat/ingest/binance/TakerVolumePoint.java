package io.liqheat.ingest.binance;

/** Taker buy and sell volume (base units) of one period, from Binance's takerlongshortRatio. */
public record TakerVolumePoint(long timeMs, double buyVolume, double sellVolume, double buySellRatio) {}
