package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalHashTest {

  /**
   * Thousands of numbers and strings in a seeded random order, so that values of every width straddle
   * the hash's internal buffer at many offsets: the result is SHA-256 of exactly the big-endian bytes.
   */
  @Test
  void theHashIsSha256OfTheBigEndianEncodingWhateverTheLength() throws Exception {
    Random random = new Random(6);
    CanonicalHash hash = new CanonicalHash();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream expected = new DataOutputStream(bytes);
    for (int i = 0; i < 5_000; i++) {
      switch (random.nextInt(6)) {
        case 0 -> {
          long value = random.nextLong();
          hash.putLong(value);
          expected.writeLong(value);
        }
        case 1 -> {
          int value = random.nextInt();
          hash.putInt(value);
          expected.writeInt(value);
        }
        case 2 -> {
          double value = random.nextBoolean() ? Double.NaN : random.nextGaussian() * 1e6;
          hash.putDouble(value);
          expected.writeLong(Double.doubleToLongBits(value));
        }
        case 3 -> {
          String value = "ü".repeat(random.nextInt(3)) + "x".repeat(random.nextInt(3000));
          byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
          hash.putString(value);
          expected.writeInt(utf8.length);
          expected.write(utf8);
        }
        case 4 -> {
          int[] values = random.ints(random.nextInt(700)).toArray();
          hash.putInts(values);
          expected.writeInt(values.length);
          for (int value : values) {
            expected.writeInt(value);
          }
        }
        default -> {
          double[] values = random.doubles(random.nextInt(700)).toArray();
          hash.putDoubles(values);
          expected.writeInt(values.length);
          for (double value : values) {
            expected.writeLong(Double.doubleToLongBits(value));
          }
        }
      }
    }

    assertThat(hash.hex())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())));
  }
}
