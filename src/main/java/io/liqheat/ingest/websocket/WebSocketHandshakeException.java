package io.liqheat.ingest.websocket;

/** The opening handshake failed: refused by the server, or answered in a way RFC 6455 does not allow. */
public final class WebSocketHandshakeException extends RuntimeException {

  public WebSocketHandshakeException(String message) {
    super(message);
  }
}
