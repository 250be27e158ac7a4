package io.liqheat.ingest.binance;

/** A symbol as {@code /fapi/v1/exchangeInfo} lists it; liqheat reads TRADING perpetuals only. */
public record BinanceSymbolInfo(String symbol, String status, String contractType) {

  public boolean tradingPerpetual() {
    return "TRADING".equals(status) && "PERPETUAL".equals(contractType);
  }
}
