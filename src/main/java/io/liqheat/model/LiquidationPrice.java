package io.liqheat.model;

/**
 * Isolated-margin liquidation prices: Binance's bracket formula with the position's own initial
 * margin as its wallet balance (no maintenance amount, no fees, no funding).
 */
public final class LiquidationPrice {

  private LiquidationPrice() {}

  /** {@code EP·(1 − 1/L) / (1 − MMR)} as a multiple of the entry price. */
  public static double longFactor(double leverage, double maintenanceMarginRate) {
    return (1.0 - 1.0 / leverage) / (1.0 - maintenanceMarginRate);
  }

  /** {@code EP·(1 + 1/L) / (1 + MMR)} as a multiple of the entry price. */
  public static double shortFactor(double leverage, double maintenanceMarginRate) {
    return (1.0 + 1.0 / leverage) / (1.0 + maintenanceMarginRate);
  }

  public static double of(Side side, double entryPrice, double leverage, double maintenanceMarginRate) {
    return entryPrice
        * (side == Side.LONG
            ? longFactor(leverage, maintenanceMarginRate)
            : shortFactor(leverage, maintenanceMarginRate));
  }
}
