package io.liqheat.sim.bybit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers the way Bybit writes them: decimal strings in plain notation, prices with the market's
 * fixed number of decimals (its tick), sizes without trailing zeros.
 */
final class BybitSimFormat {

  private BybitSimFormat() {}

  /** Decimals of a price quoted near {@code referencePrice}, like Bybit's priceScale. */
  static int priceScale(double referencePrice) {
    return referencePrice >= 1000 ? 2 : referencePrice >= 1 ? 4 : 6;
  }

  static String price(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String size(double value) {
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }

  static String usd(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String ratio(double value) {
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
  }
}
