package io.liqheat.ingest.websocket;

import org.apache.pekko.util.ByteString;

/**
 * Collects the bytes of an HTTP head as they arrive, in whatever chunks, until its blank line; what
 * came after the head (the first frames, when the peer did not wait) is kept for the frame decoder.
 */
public final class HttpHeadReader {

  private ByteString received = ByteString.emptyByteString();
  private ByteString rest = ByteString.emptyByteString();

  /**
   * Adds a chunk; returns the head once complete, null while it is not.
   *
   * @throws IllegalArgumentException when the head grows past {@link HttpHead#MAX_BYTES} or is not HTTP
   */
  public HttpHead offer(ByteString chunk) {
    received = received.concat(chunk);
    byte[] bytes = received.toArrayUnsafe();
    int length = HttpHead.length(bytes, bytes.length);
    if (length < 0) {
      if (bytes.length > HttpHead.MAX_BYTES) {
        throw new IllegalArgumentException("an HTTP head over " + HttpHead.MAX_BYTES + " bytes");
      }
      return null;
    }
    rest = ByteString.fromArrayUnsafe(bytes, length, bytes.length - length);
    return HttpHead.parse(bytes, length);
  }

  /** The bytes after the head, once {@link #offer} returned it. */
  public ByteString rest() {
    return rest;
  }
}
