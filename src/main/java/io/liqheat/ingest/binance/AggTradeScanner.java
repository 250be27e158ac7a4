package io.liqheat.ingest.binance;

import io.liqheat.ingest.PlainJsonCursor;
import java.nio.charset.StandardCharsets;

/**
 * Reads the common form of an {@code aggTrade} message straight from its bytes, without Jackson: one
 * compact object (combined {@code {"stream":..,"data":{..}}} or raw), ASCII strings without escapes,
 * plain whole numbers, decimals as short digit strings, {@code m} as a literal. It fills the same
 * {@link StreamEvent} slots as the token parser would, or answers {@code false} and the caller
 * parses the message with Jackson from scratch: anything it does not recognise (other event types,
 * whitespace, escapes, non-ASCII, exponents, signs, long numbers, a number where a string is
 * expected, nested values, trailing bytes, broken JSON) goes that way. So for every message it
 * accepts, the result is the token parser's, and every other message, malformed ones included, gets
 * exactly the token parser's treatment ({@code BinanceStreamParserTest} compares the two on fixtures,
 * load frames, every truncation and single-byte mutations of them).
 *
 * <p><b>Why.</b> Binance sends one trade per message, with five 13-digit numbers. In the ingest
 * benchmark (loadtest/results/ingest-2026-12-05-own-websocket.txt) the Jackson parser took ~65 % of
 * the samples and held Binance at 330,000 trades/s: a parser built per message, every number turned
 * into a token, the type and symbol into Strings. With this scanner in front, the same benchmark
 * took 1.65-1.79 M trades/s (loadtest/results/ingest-2026-12-05-parse.txt; per-message figures in
 * {@link BinanceStreamParser}, where it is called).
 *
 * <p>The bytes are read by {@link PlainJsonCursor}, shared with Bybit's and OKX's scanners; decimals bit for
 * bit as {@link Double#parseDouble} (and Jackson's reader) gives them; longer or other forms go to Jackson.
 */
final class AggTradeScanner {

  private static final byte[] AGG_TRADE = "aggTrade".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESULT = "result".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CODE = "code".getBytes(StandardCharsets.US_ASCII);

  private final PlainJsonCursor json;
  private final StreamEvent event;

  private AggTradeScanner(byte[] bytes, int offset, int length, StreamEvent event) {
    this.json = new PlainJsonCursor(bytes, offset, length);
    this.event = event;
  }

  /**
   * Reads an aggTrade message into {@code event}; false when the message is not in the form read
   * here, and {@code event} is then left half-filled and must be dropped.
   */
  static boolean read(byte[] bytes, int offset, int length, StreamEvent event) {
    return new AggTradeScanner(bytes, offset, length, event).message();
  }

  private boolean message() {
    if (!json.take('{')) {
      return false;
    }
    do {
      if (!json.name()) {
        return false;
      }
      if (json.stringIs(STREAM)) {
        if (!json.string()) {
          return false;
        }
      } else if (json.stringIs(DATA)) {
        if (!json.take('{') || !fields()) {
          return false;
        }
      } else if (!field()) {
        return false;
      }
    } while (json.take(','));
    return json.take('}') && json.atEnd() && event.type != null;
  }

  /** The fields of the combined form's {@code data} object, up to and including its closing brace. */
  private boolean fields() {
    do {
      if (!json.name() || !field()) {
        return false;
      }
    } while (json.take(','));
    return json.take('}');
  }

  /** The value of the field whose name was just read. */
  private boolean field() {
    if (json.stringLength() != 1) {
      return otherField();
    }
    switch (json.stringByte(0)) {
      case 'e' -> {
        if (!json.string() || !json.stringIs(AGG_TRADE)) {
          return false; // another event type, or no string: the token parser decides
        }
        event.type = "aggTrade";
      }
      case 's' -> {
        if (!json.string()) {
          return false;
        }
        event.symbol = json.stringText();
      }
      case 'E' -> {
        if (!json.wholeNumber()) {
          return false;
        }
        event.eventTime = json.number();
        event.eventTimeSlot = StreamEvent.OK;
      }
      case 'T' -> {
        if (!json.wholeNumber()) {
          return false;
        }
        event.tradeTime = json.number();
        event.tradeTimeSlot = StreamEvent.OK;
      }
      case 'p' -> {
        double price = json.decimalString();
        if (Double.isNaN(price)) {
          return false;
        }
        event.price = price;
        event.priceSlot = StreamEvent.OK;
      }
      case 'q' -> {
        double quantity = json.decimalString();
        if (Double.isNaN(quantity)) {
          return false;
        }
        event.quantity = quantity;
        event.quantitySlot = StreamEvent.OK;
      }
      case 'm' -> {
        if (json.literal("true")) {
          event.buyerMaker = true;
        } else if (json.literal("false")) {
          event.buyerMaker = false;
        } else {
          return false;
        }
        event.makerSlot = StreamEvent.OK;
      }
      case 'o' -> {
        return false; // the liquidation order: read by the token parser
      }
      default -> {
        return json.scalar(); // a, f, l and the like: read past, as the token parser skips them
      }
    }
    return true;
  }

  /** A field of a longer name: skipped when its value is a plain scalar and the token parser would skip it too. */
  private boolean otherField() {
    // Acknowledgements ("result", "id"), errors ("code"), an envelope inside "data": the token parser's.
    if (json.stringIs(RESULT) || json.stringIs(ID) || json.stringIs(CODE) || json.stringIs(STREAM) || json.stringIs(DATA)) {
      return false;
    }
    return json.scalar();
  }
}
