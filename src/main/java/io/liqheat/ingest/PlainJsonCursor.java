package io.liqheat.ingest;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * A cursor over one JSON message's bytes for the exchanges' byte scanners (Binance's aggTrade, Bybit's
 * publicTrade, OKX's trades): it reads only the plain forms those messages use — compact JSON, strings
 * of printable ASCII without escapes, non-negative whole numbers of at most 18 digits without a leading
 * zero, short plain decimals ({@link ShortDecimals}) — and answers {@code false} (or NaN) for anything
 * else, so that its scanner hands the message to the exchange's Jackson parser. Every value it accepts
 * is exactly what Jackson reads from the same bytes; strictness is what keeps the two paths equal.
 */
public final class PlainJsonCursor {

  private static final int MAX_LONG_DIGITS = 18;

  private final byte[] bytes;
  private final int end;
  private int position;
  // The last string read: bytes[stringStart, stringEnd).
  private int stringStart;
  private int stringEnd;
  // The last whole number read.
  private long number;

  public PlainJsonCursor(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  /** True when every byte has been read. */
  public boolean atEnd() {
    return position == end;
  }

  /** Steps over {@code expected} if it is the next byte. */
  public boolean take(char expected) {
    if (position < end && bytes[position] == expected) {
      position++;
      return true;
    }
    return false;
  }

  /** Steps over {@code word} ({@code true}, {@code false}, {@code null}) if it comes next. */
  public boolean literal(String word) {
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

  /** A string of printable ASCII without escapes; it becomes the last string read. */
  public boolean string() {
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

  /** A field's name and its colon; the name becomes the last string read. */
  public boolean name() {
    return string() && take(':');
  }

  /** Whether the last string read is {@code expected} (ASCII). */
  public boolean stringIs(byte[] expected) {
    return stringLength() == expected.length && stringStartsWith(expected);
  }

  /** Whether the last string read starts with {@code prefix}. */
  public boolean stringStartsWith(byte[] prefix) {
    if (stringEnd - stringStart < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[stringStart + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  public int stringLength() {
    return stringEnd - stringStart;
  }

  /** The last string's byte at {@code index}. */
  public byte stringByte(int index) {
    return bytes[stringStart + index];
  }

  /** The last string read from its {@code from}-th byte, as the String Jackson would make of it (it is ASCII). */
  public String stringText(int from) {
    return new String(bytes, stringStart + from, stringEnd - stringStart - from, StandardCharsets.ISO_8859_1);
  }

  /** The last string read, as the String Jackson would make of it. */
  public String stringText() {
    return stringText(0);
  }

  /**
   * A non-negative whole number of at most 18 digits with no leading zero (JSON forbids them); read by
   * {@link #number()}. What follows it must be a delimiter, which the caller checks.
   */
  public boolean wholeNumber() {
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

  /** A string holding only a whole number in {@link #wholeNumber()}'s form: what {@link Long#parseLong} reads alike. */
  public boolean quotedWholeNumber() {
    return take('"') && wholeNumber() && take('"');
  }

  /** The last whole number read. */
  public long number() {
    return number;
  }

  /** A decimal string as {@link ShortDecimals} reads it; NaN for anything else. */
  public double decimalString() {
    return string() ? ShortDecimals.parse(bytes, stringStart, stringEnd - stringStart) : Double.NaN;
  }

  /** An array, {@code [} to {@code ]}, each of its elements read by {@code element}. */
  public boolean array(BooleanSupplier element) {
    if (!take('[')) {
      return false;
    }
    if (take(']')) {
      return true;
    }
    do {
      if (!element.getAsBoolean()) {
        return false;
      }
    } while (take(','));
    return take(']');
  }

  /** Skips a string, a whole number or a literal, each checked as strictly as when read. */
  public boolean scalar() {
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
}
