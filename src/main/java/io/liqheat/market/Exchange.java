package io.liqheat.market;

import java.util.Locale;

/** The exchanges liqheat reads. */
public enum Exchange {
  BINANCE,
  BYBIT,
  OKX;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The exchange for an id such as {@code binance}, or an exception listing the known ones. */
  public static Exchange fromId(String id) {
    for (Exchange exchange : values()) {
      if (exchange.id().equals(id)) {
        return exchange;
      }
    }
    throw new InvalidMarketIdException("unknown exchange '" + id + "'; known: binance, bybit, okx");
  }
}
