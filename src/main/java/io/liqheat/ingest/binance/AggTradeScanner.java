package io.liqheat.ingest.binance;

import io.liqheat.ingest.ShortDecimals;
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
 * <p>Decimals are read by {@link ShortDecimals}, bit for bit what {@link Double#parseDouble} (and
 * Jackson's reader) gives; longer or other forms go to Jackson.
 */
final class AggTradeScanner {

  private static final int MAX_LONG_DIGITS = 18;
  private static final byte[] AGG_TRADE = "aggTrade".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESULT = "result".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CODE = "code".getBytes(StandardCharsets.US_ASCII);

  private final byte[] bytes;
  private final int end;
  private final StreamEvent event;
  private int position;
  // The last string read: bytes[stringStart, stringEnd).
  private int stringStart;
  private int stringEnd;
  // The last whole number read.
  private long number;

  private AggTradeScanner(byte[] bytes, int offset, int length, StreamEvent event) {
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
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
    if (!take('{')) {
      return false;
    }
    do {
      if (!string() || !take(':')) {
        return false;
      }
      if (stringIs(STREAM)) {
        if (!string()) {
          return false;
        }
      } else if (stringIs(DATA)) {
        if (!take('{') || !fields()) {
          return false;
        }
      } else if (!field()) {
        return false;
      }
    } while (take(','));
    return take('}') && position == end && event.type != null;
  }

  /** The fields of the combined form's {@code data} object, up to and including its closing brace. */
  private boolean fields() {
    do {
      if (!string() || !take(':') || !field()) {
        return false;
      }
    } while (take(','));
    return take('}');
  }

  /** The value of the field whose name was just read. */
  private boolean field() {
    if (stringEnd - stringStart != 1) {
      return otherField();
    }
    switch (bytes[stringStart]) {
      case 'e' -> {
        if (!string() || !stringIs(AGG_TRADE)) {
          return false; // another event type, or no string: the token parser decides
        }
        event.type = "aggTrade";
      }
      case 's' -> {
        if (!string()) {
          return false;
        }
        // ASCII only (string() checks), so this is the String Jackson would make.
        event.symbol = new String(bytes, stringStart, stringEnd - stringStart, StandardCharsets.ISO_8859_1);
      }
      case 'E' -> {
        if (!wholeNumber()) {
          return false;
        }
        event.eventTime = number;
        event.eventTimeSlot = StreamEvent.OK;
      }
      case 'T' -> {
        if (!wholeNumber()) {
          return false;
        }
        event.tradeTime = number;
        event.tradeTimeSlot = StreamEvent.OK;
      }
      case 'p' -> {
        double price = decimalString();
        if (Double.isNaN(price)) {
          return false;
        }
        event.price = price;
        event.priceSlot = StreamEvent.OK;
      }
      case 'q' -> {
        double quantity = decimalString();
        if (Double.isNaN(quantity)) {
          return false;
        }
        event.quantity = quantity;
        event.quantitySlot = StreamEvent.OK;
      }
      case 'm' -> {
        if (literal("true")) {
          event.buyerMaker = true;
        } else if (literal("false")) {
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
        return scalar(); // a, f, l and the like: read past, as the token parser skips them
      }
    }
    return true;
  }

  /** A field of a longer name: skipped when its value is a plain scalar and the token parser would skip it too. */
  private boolean otherField() {
    // Acknowledgements ("result", "id"), errors ("code"), an envelope inside "data": the token parser's.
    if (stringIs(RESULT) || stringIs(ID) || stringIs(CODE) || stringIs(STREAM) || stringIs(DATA)) {
      return false;
    }
    return scalar();
  }

  /** Skips a string, a whole number or a literal, each checked as strictly as when read. */
  private boolean scalar() {
    if (position >= end) {
      return false;
    }
    byte first = bytes[position];
    if (first == '"') {
      return string();
    }
    if (first >= '0' && first <= '9') {
      return wholeNumber();
    }
    return literal("true") || literal("false") || literal("null");
  }

  private boolean take(char expected) {
    if (position < end && bytes[position] == expected) {
      position++;
      return true;
    }
    return false;
  }

  private boolean literal(String word) {
    int length = word.length();
    if (end - position < length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[position + i] != word.charAt(i)) {
        return false;
      }
    }
    position += length;
    return true;
  }

  /** A string of printable ASCII without escapes; sets stringStart and stringEnd. */
  private boolean string() {
    if (!take('"')) {
      return false;
    }
    int start = position;
    while (position < end) {
      byte b = bytes[position];
      if (b == '"') {
        stringStart = start;
        stringEnd = position++;
        return true;
      }
      // Escapes, control characters and non-ASCII (negative bytes) are left to Jackson.
      if (b == '\\' || b < 0x20) {
        return false;
      }
      position++;
    }
    return false;
  }

  private boolean stringIs(byte[] expected) {
    int length = stringEnd - stringStart;
    if (length != expected.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[stringStart + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A non-negative whole number of at most 18 digits with no leading zero (JSON forbids them); sets
   * {@link #number}. What follows it must be a delimiter, which the caller checks.
   */
  private boolean wholeNumber() {
    int start = position;
    long value = 0;
    while (position < end) {
      int digit = bytes[position] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      position++;
    }
    int digits = position - start;
    if (digits == 0 || digits > MAX_LONG_DIGITS || (digits > 1 && bytes[start] == '0')) {
      return false;
    }
    number = value;
    return true;
  }

  /** A decimal string as {@link ShortDecimals} reads it; NaN for anything else. */
  private double decimalString() {
    return string() ? ShortDecimals.parse(bytes, stringStart, stringEnd - stringStart) : Double.NaN;
  }
}
