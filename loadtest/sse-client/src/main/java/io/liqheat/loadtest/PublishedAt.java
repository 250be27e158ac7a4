package io.liqheat.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads {@code publishedAt} (epoch ms when the newest frame left its entity) from a bands event's
 * JSON. A streaming parse that stops at the field: it comes before the bands, so the client spends
 * little CPU per event and leaves the cores it shares with the server to the server.
 */
final class PublishedAt {

  private static final JsonFactory JSON = new JsonFactory();

  private PublishedAt() {}

  /** The field's value, or -1 when the view has no frame yet (publishedAt 0) or lacks the field. */
  static long of(byte[] json) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("publishedAt".equals(name)) {
          long published = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
          return published > 0 ? published : -1;
        }
        parser.skipChildren();
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
