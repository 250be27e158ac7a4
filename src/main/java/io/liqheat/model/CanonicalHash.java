package io.liqheat.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a canonical big-endian encoding: fixed-width numbers, doubles by their bits with one
 * NaN, strings length-prefixed. Two equal states always give the same bytes, whatever JVM wrote them.
 */
public final class CanonicalHash {

  private final MessageDigest digest;
  private final byte[] buffer = new byte[8];

  public CanonicalHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  public CanonicalHash putLong(long value) {
    for (int i = 7; i >= 0; i--) {
      buffer[i] = (byte) value;
      value >>>= 8;
    }
    digest.update(buffer, 0, 8);
    return this;
  }

  public CanonicalHash putInt(int value) {
    for (int i = 3; i >= 0; i--) {
      buffer[i] = (byte) value;
      value >>>= 8;
    }
    digest.update(buffer, 0, 4);
    return this;
  }

  /** Doubles go in by their bits; {@link Double#doubleToLongBits} folds every NaN into one. */
  public CanonicalHash putDouble(double value) {
    return putLong(Double.doubleToLongBits(value));
  }

  public CanonicalHash putDoubles(double[] values) {
    putInt(values.length);
    for (double value : values) {
      putDouble(value);
    }
    return this;
  }

  public CanonicalHash putInts(int[] values) {
    putInt(values.length);
    for (int value : values) {
      putInt(value);
    }
    return this;
  }

  public CanonicalHash putString(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    putInt(bytes.length);
    digest.update(bytes);
    return this;
  }

  /** Finishes the hash as 64 lower-case hex digits. The instance cannot be used afterwards. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
