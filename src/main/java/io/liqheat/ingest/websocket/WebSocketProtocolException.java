package io.liqheat.ingest.websocket;

/**
 * The peer broke RFC 6455 (or our limits): the connection is failed with {@link #closeCode()} sent
 * in the close frame, e.g. 1002 protocol error or 1009 message too big.
 */
public final class WebSocketProtocolException extends RuntimeException {

  public static final int PROTOCOL_ERROR = 1002;
  public static final int MESSAGE_TOO_BIG = 1009;

  private final int closeCode;

  public WebSocketProtocolException(int closeCode, String message) {
    super(message);
    this.closeCode = closeCode;
  }

  public int closeCode() {
    return closeCode;
  }
}
