package io.liqheat.ingest.okx;

import io.liqheat.market.MarketId;

/**
 * One OKX perpetual as {@code /api/v5/public/instruments} describes it. OKX counts swap sizes in
 * contracts: a linear contract is {@code ctVal} base units, an inverse one {@code ctVal} USD.
 */
public record OkxInstrument(MarketId market, double ctVal, boolean inverse) {

  public OkxInstrument {
    if (!(ctVal > 0) || Double.isInfinite(ctVal)) {
      throw new IllegalArgumentException(market + ": ctVal must be positive, was " + ctVal);
    }
  }

  public String instId() {
    return market.symbol();
  }

  /** Base units of {@code contracts} at {@code price} (the price matters only for inverse contracts). */
  public double baseUnits(double contracts, double price) {
    return inverse ? contracts * ctVal / price : contracts * ctVal;
  }
}
