package io.liqheat.ingest.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes RFC 6455 frames. A client masks every frame with a fresh random key (RFC 6455 5.3); a server
 * never masks. liqheat never fragments what it sends: its frames are subscriptions, pings, pongs
 * and closes, all small.
 */
public final class FrameEncoder {

  private FrameEncoder() {}

  /** An unmasked frame, as a server sends it. */
  public static byte[] serverFrame(boolean fin, int opcode, byte[] payload) {
    return frame(fin, opcode, payload, null);
  }

  /** A frame masked with a random key drawn from {@code random}, as a client sends it. */
  public static byte[] clientFrame(int opcode, byte[] payload, Random random) {
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    return frame(true, opcode, payload, mask);
  }

  /** A close frame's payload: the status code, then the reason in UTF-8; empty for {@link FrameDecoder#NO_STATUS}. */
  public static byte[] closePayload(int code, String reason) {
    if (code == FrameDecoder.NO_STATUS) {
      return new byte[0];
    }
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    // A control frame carries at most 125 bytes: the reason is cut to fit.
    int reasonLength = Math.min(text.length, 123);
    byte[] payload = new byte[2 + reasonLength];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, reasonLength);
    return payload;
  }

  /**
   * @param mask the four-byte masking key, or null for an unmasked frame
   */
  static byte[] frame(boolean fin, int opcode, byte[] payload, byte[] mask) {
    int length = payload.length;
    int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
    int headerLength = 2 + lengthBytes + (mask == null ? 0 : 4);
    byte[] frame = new byte[headerLength + length];
    frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
    int maskBit = mask == null ? 0 : 0x80;
    if (lengthBytes == 0) {
      frame[1] = (byte) (maskBit | length);
    } else if (lengthBytes == 2) {
      frame[1] = (byte) (maskBit | 126);
      frame[2] = (byte) (length >> 8);
      frame[3] = (byte) length;
    } else {
      frame[1] = (byte) (maskBit | 127);
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) length >> (56 - 8 * i));
      }
    }
    int position = 2 + lengthBytes;
    if (mask == null) {
      System.arraycopy(payload, 0, frame, position, length);
    } else {
      System.arraycopy(mask, 0, frame, position, 4);
      position += 4;
      for (int i = 0; i < length; i++) {
        frame[position + i] = (byte) (payload[i] ^ mask[i & 3]);
      }
    }
    return frame;
  }
}
