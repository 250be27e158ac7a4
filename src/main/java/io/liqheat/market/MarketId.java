package io.liqheat.market;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A market: one exchange and one of its perpetual symbols, written {@code exchange:SYMBOL}, e.g.
 * {@code binance:BTCUSDT} or {@code okx:BTC-USDT-SWAP}. It is the entity id and the persistence id,
 * so it is validated once, here.
 */
public record MarketId(Exchange exchange, String symbol) {

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}(-[A-Z0-9]{2,10}){0,3}");

  public MarketId {
    if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
      throw new InvalidMarketIdException(
          "malformed symbol '" + symbol + "': expected upper-case letters and digits, e.g. BTCUSDT or BTC-USDT-SWAP");
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static MarketId parse(String text) {
    if (text == null) {
      throw new InvalidMarketIdException("market id is missing; expected exchange:SYMBOL, e.g. binance:BTCUSDT");
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || colon != text.lastIndexOf(':')) {
      throw new InvalidMarketIdException(
          "malformed market id '" + text + "': expected exchange:SYMBOL, e.g. binance:BTCUSDT");
    }
    return new MarketId(Exchange.fromId(text.substring(0, colon)), text.substring(colon + 1));
  }

  /**
   * The base asset, which groups markets into an asset view: BTCUSDT → BTC, BTC-USDT-SWAP → BTC,
   * BTCPERP → BTC.
   */
  public String baseAsset() {
    int dash = symbol.indexOf('-');
    if (dash > 0) {
      return symbol.substring(0, dash);
    }
    for (String quote : new String[] {"USDT", "USDC", "BUSD", "USD", "PERP"}) {
      if (symbol.endsWith(quote) && symbol.length() > quote.length()) {
        return symbol.substring(0, symbol.length() - quote.length());
      }
    }
    return symbol;
  }

  @JsonValue
  @Override
  public String toString() {
    return exchange.id() + ":" + symbol;
  }
}
