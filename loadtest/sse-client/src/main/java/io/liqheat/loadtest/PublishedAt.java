package io.liqheat.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads {@code publishedAt} (epoch ms when the newest frame left its entity) from a view's JSON.
 *
 * <p>{@link #scan} runs on every event: it finds the key's bytes and reads the digits after them,
 * with no parser and no allocation. It relies on the key occurring once and at the top level, which
 * holds for this API's views (a band has no such field). {@link #parse} is the reference, a full
 * Jackson parse of the document, which the subscribers run on a sample of the events to check the
 * whole JSON and that the scan agrees with it.
 */
final class PublishedAt {

  static final long ABSENT = -1;

  private static final byte[] KEY = "\"publishedAt\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final JsonFactory JSON = new JsonFactory();

  private PublishedAt() {}

  /** The field's value (0 when the view has no frame yet), or {@link #ABSENT}. */
  static long scan(byte[] json, int length) {
    int at = indexOf(json, length, KEY);
    if (at < 0) {
      return ABSENT;
    }
    int i = at + KEY.length;
    while (i < length && json[i] == ' ') {
      i++;
    }
    long value = 0;
    int digits = 0;
    for (; i < length && json[i] >= '0' && json[i] <= '9' && digits < 19; i++, digits++) {
      value = value * 10 + (json[i] - '0');
    }
    boolean ended = i < length && (json[i] == ',' || json[i] == '}' || json[i] == ' ');
    return digits > 0 && ended ? value : ABSENT;
  }

  /**
   * A full parse: the top-level field's value, or {@link #ABSENT} without one.
   *
   * @throws IOException when the bytes are not one well-formed JSON object
   */
  static long parse(byte[] json, int length) throws IOException {
    long found = ABSENT;
    try (JsonParser parser = JSON.createParser(json, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("publishedAt".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
          found = parser.getLongValue();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new IOException("content after the JSON object");
      }
    }
    return found;
  }

  private static int indexOf(byte[] bytes, int length, byte[] key) {
    byte first = key[0];
    for (int i = 0, last = length - key.length; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      int k = 1;
      while (k < key.length && bytes[i + k] == key[k]) {
        k++;
      }
      if (k == key.length) {
        return i;
      }
    }
    return -1;
  }
}
