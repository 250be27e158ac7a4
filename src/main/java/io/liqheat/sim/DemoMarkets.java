package io.liqheat.sim;

import io.liqheat.market.MarketId;
import java.util.List;

/**
 * The demo's markets: BTC, ETH and SOL perpetuals on Binance, Bybit and OKX, each with its own
 * trader population. Prices start near late-2026 levels; OKX counts in contracts of its real sizes.
 */
public final class DemoMarkets {

  private DemoMarkets() {}

  public static List<SimMarketSpec> specs() {
    return List.of(
        SimMarketSpec.typical(MarketId.parse("binance:BTCUSDT"), 96_000, 1),
        SimMarketSpec.typical(MarketId.parse("binance:ETHUSDT"), 3_400, 1),
        SimMarketSpec.typical(MarketId.parse("binance:SOLUSDT"), 190, 1),
        SimMarketSpec.typical(MarketId.parse("bybit:BTCUSDT"), 96_010, 1),
        SimMarketSpec.typical(MarketId.parse("bybit:ETHUSDT"), 3_401, 1),
        SimMarketSpec.typical(MarketId.parse("bybit:SOLUSDT"), 190.1, 1),
        SimMarketSpec.typical(MarketId.parse("okx:BTC-USDT-SWAP"), 95_990, 0.01),
        SimMarketSpec.typical(MarketId.parse("okx:ETH-USDT-SWAP"), 3_399, 0.1),
        SimMarketSpec.typical(MarketId.parse("okx:SOL-USDT-SWAP"), 189.9, 1));
  }

  /**
   * {@code count} made-up markets spread over the three exchanges in turn ({@code binance:S001USDT},
   * {@code bybit:S002USDT}, {@code okx:S003-USDT-SWAP}, ...), each traded like a demo market: for
   * measuring how many markets one node holds.
   */
  public static List<SimMarketSpec> synthetic(int count) {
    if (count < 1 || count > 999) {
      throw new IllegalArgumentException("synthetic markets: 1 to 999, was " + count);
    }
    List<SimMarketSpec> specs = new java.util.ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String base = String.format(java.util.Locale.ROOT, "S%03d", i);
      String id = switch (i % 3) {
        case 1 -> "binance:" + base + "USDT";
        case 2 -> "bybit:" + base + "USDT";
        default -> "okx:" + base + "-USDT-SWAP";
      };
      specs.add(SimMarketSpec.typical(MarketId.parse(id), 50 + i, 1));
    }
    return specs;
  }
}
