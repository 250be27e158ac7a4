package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.liqheat.ingest.JsonDecimals;
import java.io.IOException;

/**
 * Reads Binance's scalar values from a streaming parser. Binance sends decimals as strings
 * ({@code "p":"64500.10"}) and times as numbers, but its docs show both forms for some fields, so
 * either form is accepted; anything else reads as "absent" ({@code NaN} / {@link #NO_LONG}) and the
 * caller names the field in its malformed reason.
 */
final class JsonValues {

  static final JsonFactory FACTORY = new JsonFactory();
  static final long NO_LONG = Long.MIN_VALUE;

  private JsonValues() {}

  /** The current token as a decimal; NaN when it is not a finite number or numeric string. */
  static double decimal(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      try {
        double value = JsonDecimals.fromText(p);
        return Double.isFinite(value) ? value : Double.NaN;
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    p.skipChildren();
    return Double.NaN;
  }

  /** The current token as a whole number (times, ids); {@link #NO_LONG} when it is not one. */
  static long integer(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Long.parseLong(p.getText());
      } catch (NumberFormatException e) {
        return NO_LONG;
      }
    }
    p.skipChildren();
    return NO_LONG;
  }

  /** The current token as a string; null for anything but a string. */
  static String text(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }
}
