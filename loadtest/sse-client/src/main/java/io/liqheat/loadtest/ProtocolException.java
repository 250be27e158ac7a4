package io.liqheat.loadtest;

/** The server's bytes break HTTP/1.1 or chunked framing: the stream cannot be read on. */
final class ProtocolException extends Exception {

  ProtocolException(String message) {
    super(message);
  }
}
