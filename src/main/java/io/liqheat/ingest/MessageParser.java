package io.liqheat.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Turns one wire message of an exchange (a WebSocket message or a REST body) into
 * {@link MarketInput}s. Parsers are pure and hold no connection state, so the same parser serves
 * live messages, captured files and benchmarks. Control messages (subscription acknowledgements,
 * pongs) produce nothing and are not malformed.
 *
 * <p>Two entry points, one logic: stream parsers read the bytes as they came off the socket
 * (Jackson parses UTF-8 directly, so no String is made per message); REST parsers, whose bodies are
 * few, implement the text form and get the byte form decoded for them.
 */
@FunctionalInterface
public interface MessageParser {

  void parse(String message, ParseSink sink);

  /** The message in {@code bytes[offset, offset + length)}, UTF-8. */
  default void parse(byte[] bytes, int offset, int length, ParseSink sink) {
    parse(new String(bytes, offset, length, StandardCharsets.UTF_8), sink);
  }
}
