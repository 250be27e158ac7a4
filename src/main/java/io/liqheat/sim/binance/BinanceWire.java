package io.liqheat.sim.binance;

import io.liqheat.sim.SimEvent;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Simulator events in Binance USDⓈ-M stream JSON, field for field as Binance sends them (decimals
 * as strings, times and ids as numbers). {@code corrupt} replaces the price by a non-number, which is
 * how the simulator injects a malformed message the connector can still attribute to its market.
 */
final class BinanceWire {

  private static final MathContext DIGITS = new MathContext(10);
  private static final String CORRUPT = "\"12,5\"";

  private BinanceWire() {}

  static String aggTrade(String symbol, SimEvent.Trade trade, boolean corrupt) {
    return new StringBuilder(200)
        .append("{\"e\":\"aggTrade\",\"E\":").append(trade.timeMs() + 5)
        .append(",\"a\":").append(trade.tradeId())
        .append(",\"s\":\"").append(symbol)
        .append("\",\"p\":").append(corrupt ? CORRUPT : quoted(trade.price()))
        .append(",\"q\":").append(quoted(trade.size()))
        .append(",\"f\":").append(trade.tradeId())
        .append(",\"l\":").append(trade.tradeId())
        .append(",\"T\":").append(trade.timeMs())
        // m: the buyer was the maker, i.e. the taker sold.
        .append(",\"m\":").append(!trade.takerBuy())
        .append('}').toString();
  }

  static String markPrice(String symbol, SimEvent.Mark mark, boolean corrupt) {
    return new StringBuilder(200)
        .append("{\"e\":\"markPriceUpdate\",\"E\":").append(mark.timeMs())
        .append(",\"s\":\"").append(symbol)
        .append("\",\"p\":").append(corrupt ? CORRUPT : quoted(mark.markPrice()))
        .append(",\"i\":").append(quoted(mark.indexPrice()))
        .append(",\"P\":").append(quoted(mark.indexPrice()))
        .append(",\"r\":").append(quoted(mark.fundingRate()))
        .append(",\"T\":").append(mark.nextFundingMs())
        .append('}').toString();
  }

  static String forceOrder(String symbol, SimEvent.Liquidation liquidation, boolean corrupt) {
    String price = corrupt ? CORRUPT : quoted(liquidation.price());
    String size = quoted(liquidation.size());
    return new StringBuilder(260)
        .append("{\"e\":\"forceOrder\",\"E\":").append(liquidation.timeMs() + 5)
        .append(",\"o\":{\"s\":\"").append(symbol)
        // The liquidation order sells a long's position and buys back a short's.
        .append("\",\"S\":\"").append(liquidation.longLiquidated() ? "SELL" : "BUY")
        .append("\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":").append(size)
        .append(",\"p\":").append(price)
        .append(",\"ap\":").append(price)
        .append(",\"X\":\"FILLED\",\"l\":").append(size)
        .append(",\"z\":").append(size)
        .append(",\"T\":").append(liquidation.timeMs())
        .append("}}").toString();
  }

  static String combined(String stream, String data) {
    return "{\"stream\":\"" + stream + "\",\"data\":" + data + "}";
  }

  /** A decimal as Binance writes it: a string, without exponent. */
  static String decimal(double value) {
    if (!Double.isFinite(value)) {
      return "0";
    }
    return new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString();
  }

  private static String quoted(double value) {
    return "\"" + decimal(value) + "\"";
  }
}
