package io.liqheat.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.NumberInput;
import java.io.IOException;

/**
 * The exchanges send prices and sizes as decimal strings ({@code "p":"64500.10"}); this reads the
 * current string token as a double straight from the parser's buffer, with no String per value: short
 * plain decimals by {@link ShortDecimals}, the rest by Jackson's fast parser. It accepts what {@link Double#parseDouble} accepts and rounds the same
 * (correctly), so the model sees the same bits; it throws {@link NumberFormatException} the same way.
 */
public final class JsonDecimals {

  private JsonDecimals() {}

  public static double fromText(JsonParser parser) throws IOException {
    char[] text = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    double value = ShortDecimals.parse(text, offset, length);
    return !Double.isNaN(value) ? value : NumberInput.parseDouble(text, offset, length, true);
  }
}
