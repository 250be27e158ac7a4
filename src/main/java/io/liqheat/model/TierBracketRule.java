package io.liqheat.model;

import java.util.List;

/**
 * How a leverage tier picks its maintenance-margin bracket. Public data says nothing about position
 * sizes, so the model needs a rule.
 */
public enum TierBracketRule {
  /**
   * The largest-notional bracket that still admits the tier's leverage: a 20x position is taken to
   * be as large as 20x allows (the 10M bracket on Binance BTCUSDT). This places liquidations of low
   * leverage closer to entry, which is where the large, low-leverage books actually get closed.
   */
  LARGEST_ALLOWED,
  /** The first bracket for every tier: every position is taken to be small. */
  SMALLEST;

  public MmrBracket bracketFor(double leverage, List<MmrBracket> brackets) {
    if (this == SMALLEST) {
      return brackets.get(0);
    }
    MmrBracket chosen = null;
    for (MmrBracket bracket : brackets) {
      if (bracket.maxLeverage() >= leverage) {
        chosen = bracket;
      }
    }
    return chosen;
  }
}
