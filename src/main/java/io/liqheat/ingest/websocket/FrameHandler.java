package io.liqheat.ingest.websocket;

/**
 * What a {@link FrameDecoder} found in the bytes it was fed: complete messages (reassembled when
 * they came in fragments) and control frames. A message's bytes are a slice of an array that the
 * decoder never writes again, so a handler may keep the slice.
 */
public interface FrameHandler {

  /** A complete text message, as the UTF-8 bytes the peer sent. */
  void text(byte[] bytes, int offset, int length);

  /** A complete binary message. */
  void binary(byte[] bytes, int offset, int length);

  /** A ping; its payload goes back in the pong. */
  void ping(byte[] payload);

  void pong(byte[] payload);

  /**
   * The peer's close frame.
   *
   * @param code the status code, {@link FrameDecoder#NO_STATUS} (1005) when the frame carried none
   */
  void close(int code, String reason);
}
