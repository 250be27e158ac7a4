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
}
