package io.liqheat.ingest.bybit;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.PlainJsonCursor;
import io.liqheat.market.MarketId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the usual {@code publicTrade} frame straight from its bytes, without Jackson:
 * {@code {"topic":"publicTrade.SYMBOL","type":..,"ts":N,"data":[{..},..]}} in that order, compact,
 * each trade with {@code T} a whole number, {@code S} "Buy" or "Sell", {@code v} and {@code p} short
 * decimal strings and any other field a plain scalar, of a configured symbol. It answers the frame's
 * trades, or null and the caller parses the frame with Jackson from scratch: anything else (other
 * topics or field orders, unknown symbols, a missing or odd field, whitespace, escapes, long numbers,
 * nested values, trailing bytes, broken JSON) goes that way, so every frame gets exactly the token
 * parser's inputs and malformed reports ({@code BybitStreamParserFastPathTest} compares the two).
 *
 * <p><b>Why.</b> In the ingest benchmark (loadtest/results/ingest-2026-12-05-scan.txt) Bybit's Jackson
 * reader held ingest at 0.44 of a bare Jackson token walk over the same frames; the figures with this
 * scanner are in {@link BybitStreamParser}, where it is called.
 */
final class PublicTradeScanner {

  private static final byte[] TOPIC = "topic".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TS = "ts".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PUBLIC_TRADE_DOT = "publicTrade.".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BUY = "Buy".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SELL = "Sell".getBytes(StandardCharsets.US_ASCII);

  private final PlainJsonCursor json;
  private final BybitMarkets markets;

  private PublicTradeScanner(byte[] bytes, int offset, int length, BybitMarkets markets) {
    this.json = new PlainJsonCursor(bytes, offset, length);
    this.markets = markets;
  }

  /** The frame's trades, or null when the frame is not in the form read here. */
  static List<MarketInput> read(byte[] bytes, int offset, int length, BybitMarkets markets) {
    return new PublicTradeScanner(bytes, offset, length, markets).frame();
  }

  private List<MarketInput> frame() {
    if (!json.take('{') || !json.name() || !json.stringIs(TOPIC) || !json.string()
        || !json.stringStartsWith(PUBLIC_TRADE_DOT) || json.stringLength() == PUBLIC_TRADE_DOT.length) {
      return null;
    }
    String symbol = json.stringText(PUBLIC_TRADE_DOT.length);
    MarketId market = symbol.indexOf('.') < 0 ? markets.get(symbol) : null;
    if (market == null
        || !json.take(',') || !json.name() || !json.stringIs(TYPE) || !json.string()
        || !json.take(',') || !json.name() || !json.stringIs(TS) || !json.wholeNumber()
        || !json.take(',') || !json.name() || !json.stringIs(DATA)) {
      return null;
    }
    List<MarketInput> trades = new ArrayList<>(32);
    return json.array(() -> trade(market, trades)) && json.take('}') && json.atEnd() ? trades : null;
  }

  /** One trade object; its fields in any order, the last of a repeated one counting, as in the token parser. */
  private boolean trade(MarketId market, List<MarketInput> trades) {
    if (!json.take('{')) {
      return false;
    }
    long time = Long.MIN_VALUE;
    int side = -1;
    double size = Double.NaN;
    double price = Double.NaN;
    do {
      if (!json.name()) {
        return false;
      }
      boolean read;
      if (json.stringLength() != 1) {
        read = json.scalar();
      } else {
        switch (json.stringByte(0)) {
          case 'T' -> {
            read = json.wholeNumber();
            time = json.number();
          }
          case 'S' -> {
            read = json.string() && (json.stringIs(BUY) || json.stringIs(SELL));
            side = read && json.stringLength() == BUY.length ? 1 : 0;
          }
          case 'v' -> {
            size = json.decimalString();
            read = !Double.isNaN(size);
          }
          case 'p' -> {
            price = json.decimalString();
            read = !Double.isNaN(price);
          }
          default -> read = json.scalar();
        }
      }
      if (!read) {
        return false;
      }
    } while (json.take(','));
    if (!json.take('}') || time == Long.MIN_VALUE || side < 0 || Double.isNaN(size) || Double.isNaN(price)) {
      return false;
    }
    trades.add(new MarketInput.Trade(market, time, price, size, side == 1));
    return true;
  }
}
