package io.liqheat.ingest.bybit;

/**
 * What the connector needs of {@code /v5/market/instruments-info}: whether a symbol is a perpetual
 * that is trading.
 *
 * @param contractType e.g. {@code LinearPerpetual}
 * @param status e.g. {@code Trading}, {@code PreLaunch}, {@code Settling}, {@code Closed}
 */
public record BybitInstrument(String symbol, String contractType, String status, String baseCoin, String quoteCoin) {

  public boolean trading() {
    return "Trading".equals(status);
  }
}
