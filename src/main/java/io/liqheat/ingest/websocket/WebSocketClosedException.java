package io.liqheat.ingest.websocket;

/** An open WebSocket connection ended without the client asking: closed by the server, or dropped. */
public final class WebSocketClosedException extends RuntimeException {

  public WebSocketClosedException(String message) {
    super(message);
  }
}
