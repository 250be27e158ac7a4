package io.liqheat.model;

/** Which positions a fall in open interest closes. */
public enum ClosingRule {
  /** Every position shrinks by the same fraction: one scale factor per book, O(1). */
  PROPORTIONAL,
  /**
   * The highest-leverage tiers close first, whole tier by whole tier: high-leverage traders hold for
   * the shortest time. Still O(tiers): it scales whole tier books.
   */
  HIGH_LEVERAGE_FIRST
}
