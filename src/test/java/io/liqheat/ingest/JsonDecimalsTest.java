package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast decimal reader gives exactly Double.parseDouble's bits, and refuses what it refuses. */
class JsonDecimalsTest {

  private static final JsonFactory JSON = new JsonFactory();

  private static double read(String text) throws Exception {
    byte[] json = ("[\"" + text + "\"]").getBytes(StandardCharsets.UTF_8);
    try (JsonParser parser = JSON.createParser(json, 0, json.length)) {
      parser.nextToken();
      parser.nextToken();
      return JsonDecimals.fromText(parser);
    }
  }

  @Test
  void sameBitsAsDoubleParseDoubleForExchangeShapedDecimals() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      double value = Math.pow(10, random.nextInt(-8, 7)) * random.nextDouble();
      String text = String.format(Locale.ROOT, "%." + random.nextInt(0, 12) + "f", value);
      assertThat(Double.doubleToRawLongBits(read(text))).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
    for (String text : new String[] {"64500.10", "0.001", "96000", "1e-7", "1.7976931348623157E308", "4.9E-324",
        "2.2250738585072011e-308", "0.30000000000000004", "-0.0", " 12.5 ", "NaN", "Infinity", "1e400"}) {
      assertThat(Double.doubleToRawLongBits(read(text))).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  @Test
  void whatDoubleParseDoubleRefusesIsRefused() {
    for (String text : new String[] {"", "abc", "1,5", "--1", "1.2.3"}) {
      assertThatThrownBy(() -> Double.parseDouble(text)).isInstanceOf(NumberFormatException.class);
      assertThatThrownBy(() -> read(text)).as(text).isInstanceOf(NumberFormatException.class);
    }
  }
}
