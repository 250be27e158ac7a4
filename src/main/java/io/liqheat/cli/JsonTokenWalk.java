package io.liqheat.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The bare-Jackson reference of the ingest benchmark: a default {@link JsonFactory}'s parser over a
 * message's bytes, every token read and nothing done with them. It is what any Jackson-based reader
 * of the message pays at least, so ingest is compared with it as well as with the connector's own
 * parser (which reads the values, and for Binance's aggTrade does not use Jackson at all).
 */
public final class JsonTokenWalk {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTokenWalk() {}

  /** The number of tokens in {@code bytes[offset, offset + length)}. */
  public static int tokens(byte[] bytes, int offset, int length) throws IOException {
    int tokens = 0;
    try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
      while (parser.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }
}
