package io.liqheat.ingest;

/**
 * Turns one text frame or REST body of an exchange into {@link MarketInput}s. Parsers are pure and
 * hold no connection state, so the same parser serves live frames, captured files and benchmarks.
 * Control messages (subscription acknowledgements, pongs) produce nothing and are not malformed.
 */
@FunctionalInterface
public interface MessageParser {

  void parse(String message, ParseSink sink);
}
