package io.liqheat.ingest.bybit;

/** One point of Bybit's open-interest history: base units only (Bybit gives no USD value there). */
public record BybitOpenInterestSample(long timeMs, double oiBase) {}
