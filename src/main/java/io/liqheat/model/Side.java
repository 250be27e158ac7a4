package io.liqheat.model;

/** The side of a leveraged position. Longs liquidate below price, shorts above. */
public enum Side {
  LONG,
  SHORT;

  public String wireName() {
    return this == LONG ? "long" : "short";
  }
}
