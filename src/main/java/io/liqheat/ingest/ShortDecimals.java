package io.liqheat.ingest;

/**
 * The exchanges' prices and sizes are short plain decimals ({@code "64500.10"}, {@code "0.001"}).
 * One of at most 15 digits is {@code m / 10^k} with {@code m} and {@code 10^k} both exact doubles,
 * and IEEE division rounds correctly, so that quotient is bit for bit what {@link Double#parseDouble}
 * gives (Clinger's fast path), at a fraction of a general parser's cost. Anything else (signs,
 * exponents, more digits, a point at either end, other characters) is {@link Double#NaN}: the caller's
 * general parser decides.
 *
 * <p>Two overloads, for the two places decimals are read: Jackson's character buffer and the bytes of
 * a message read without Jackson; one {@link Digits} reads both.
 */
public final class ShortDecimals {

  private static final int MAX_DIGITS = 15;
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  private ShortDecimals() {}

  /** {@code text[offset, offset + length)} as a short plain decimal, or NaN. */
  public static double parse(char[] text, int offset, int length) {
    Digits digits = new Digits(length);
    for (int i = 0; i < length && digits.take(text[offset + i], i); i++) {}
    return digits.value();
  }

  /** {@code text[offset, offset + length)}, ASCII, as a short plain decimal, or NaN. */
  public static double parse(byte[] text, int offset, int length) {
    Digits digits = new Digits(length);
    for (int i = 0; i < length && digits.take(text[offset + i], i); i++) {}
    return digits.value();
  }

  /** The decimal read one character at a time (the JIT keeps it in registers). */
  private static final class Digits {
    private final int length;
    private long mantissa;
    private int point = -1;
    private boolean rejected;

    Digits(int length) {
      this.length = length;
      this.rejected = length == 0 || length > MAX_DIGITS + 1;
    }

    /** False once the text is not a short plain decimal. */
    boolean take(int character, int index) {
      int digit = character - '0';
      if (rejected) {
        return false;
      } else if (digit >= 0 && digit <= 9) {
        mantissa = mantissa * 10 + digit;
      } else if (character == '.' && point < 0 && index > 0 && index < length - 1) {
        point = index;
      } else {
        rejected = true;
      }
      return !rejected;
    }

    double value() {
      int fractionDigits = point < 0 ? 0 : length - point - 1;
      int digits = point < 0 ? length : length - 1;
      if (rejected || digits > MAX_DIGITS) {
        return Double.NaN;
      }
      return mantissa / POWERS_OF_TEN[fractionDigits];
    }
  }
}
