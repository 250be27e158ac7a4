package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShortDecimalsTest {

  @Test
  void shortPlainDecimalsReadBitForBitAsDoubleParseDouble() {
    SplittableRandom random = new SplittableRandom(11);
    for (int n = 0; n < 200_000; n++) {
      int digits = 1 + random.nextInt(15);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < digits; i++) {
        text.append((char) ('0' + random.nextInt(10)));
      }
      if (digits > 1 && random.nextBoolean()) {
        text.insert(1 + random.nextInt(digits - 1), '.');
      }
      String decimal = text.toString();
      long expected = Double.doubleToRawLongBits(Double.parseDouble(decimal));
      assertThat(Double.doubleToRawLongBits(parseChars(decimal))).as(decimal).isEqualTo(expected);
      assertThat(Double.doubleToRawLongBits(parseBytes(decimal))).as(decimal).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.", ".5", "-1", "+1", "1e5", "1E5", "1234567890123456", "123456789012.3456", "9007199254.740993", "1.2.3",
      "NaN", "Infinity", " 1", "1 ", "0x1p3", "1d", "١"})
  void anythingElseIsLeftToTheGeneralParser(String text) {
    assertThat(parseChars(text)).isNaN();
    assertThat(parseBytes(text)).isNaN();
  }

  @Test
  void theLongestAcceptedFormsAreExact() {
    for (String decimal : new String[] {"999999999999999", "99999999999999.9", "0.00000000000001", "9007199.25474099", "0.1", "1.0"}) {
      assertThat(parseChars(decimal)).as(decimal).isEqualTo(Double.parseDouble(decimal));
    }
  }

  private static double parseChars(String text) {
    char[] padded = ("xx" + text + "yy").toCharArray();
    return ShortDecimals.parse(padded, 2, text.length());
  }

  private static double parseBytes(String text) {
    byte[] padded = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
    return ShortDecimals.parse(padded, 2, padded.length - 4);
  }
}
