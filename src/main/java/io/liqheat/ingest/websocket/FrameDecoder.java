package io.liqheat.ingest.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Reads RFC 6455 frames from a byte stream fed in arbitrary chunks (a frame may be split anywhere,
 * several may share a chunk), reassembles fragmented messages and hands complete messages and
 * control frames to a {@link FrameHandler}. Pure and single-threaded: one decoder per connection.
 *
 * <p>Why it is shaped like this: the ingest path receives hundreds of small messages per TCP read,
 * so a message that lies whole in the chunk is handed on as a slice of the chunk's own array, with
 * no copy. Only a frame that spans chunks is copied (once, into an array of its exact length), and
 * only a fragmented message is assembled into a buffer of its own.
 *
 * <p>Protocol errors throw {@link WebSocketProtocolException} with the close code to send; the
 * decoder is unusable afterwards, as the connection is. No extension is ever negotiated, so any
 * reserved bit is an error. Text is not validated as UTF-8 here: the JSON parser meets every byte of
 * it anyway and counts a broken message as malformed, which is what liqheat does with bad input
 * (RFC 6455 would fail the connection instead).
 */
public final class FrameDecoder {

  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;
  /** The status reported for a close frame that carried none (RFC 6455 7.1.5). */
  public static final int NO_STATUS = 1005;

  private static final int MAX_CONTROL_PAYLOAD = 125;

  private final boolean server;
  private final int maxMessageBytes;

  private final byte[] header = new byte[14];
  private int headerFill;

  private boolean inPayload;
  private boolean fin;
  private int opcode;
  private boolean masked;
  private final byte[] mask = new byte[4];
  private int payloadLength;
  private byte[] payload;
  private int payloadFill;

  private int messageOpcode = -1;
  private byte[] message;
  private int messageFill;

  /**
   * @param server true to read a client's frames (which must be masked), false to read a server's
   *     (which must not be)
   * @param maxMessageBytes the largest message accepted, fragments added up; larger fails with 1009
   */
  public FrameDecoder(boolean server, int maxMessageBytes) {
    if (maxMessageBytes < MAX_CONTROL_PAYLOAD) {
      throw new IllegalArgumentException("the maximum message size must be at least 125 bytes, was " + maxMessageBytes);
    }
    this.server = server;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Reads {@code length} bytes of {@code chunk} from {@code offset}; the array must not change afterwards. */
  public void feed(byte[] chunk, int offset, int length, FrameHandler handler) {
    int position = offset;
    int end = offset + length;
    while (position < end) {
      if (!inPayload) {
        int available = end - position;
        if (headerFill == 0 && available >= 2 && available >= headerLength(chunk[position + 1])) {
          position += readHeader(chunk, position);
        } else {
          header[headerFill++] = chunk[position++];
          if (headerFill >= 2 && headerFill == headerLength(header[1])) {
            readHeader(header, 0);
            headerFill = 0;
          }
          continue;
        }
      }
      int available = end - position;
      if (payload == null && available >= payloadLength) {
        int start = position;
        position += payloadLength;
        frame(chunk, start, handler);
      } else {
        if (payload == null) {
          payload = new byte[payloadLength];
        }
        int take = Math.min(payloadLength - payloadFill, available);
        System.arraycopy(chunk, position, payload, payloadFill, take);
        payloadFill += take;
        position += take;
        if (payloadFill == payloadLength) {
          byte[] whole = payload;
          payload = null;
          payloadFill = 0;
          frame(whole, 0, handler);
        }
      }
    }
    // A frame of length 0 whose header ended the chunk is complete already.
    if (inPayload && payloadLength == 0) {
      frame(chunk, end, handler);
    }
  }

  private static int headerLength(byte second) {
    int length = second & 0x7F;
    int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    return 2 + extended + ((second & 0x80) != 0 ? 4 : 0);
  }

  /** Reads a complete header at {@code at}; returns its length. */
  private int readHeader(byte[] bytes, int at) {
    int first = bytes[at] & 0xFF;
    int second = bytes[at + 1] & 0xFF;
    fin = (first & 0x80) != 0;
    opcode = first & 0x0F;
    masked = (second & 0x80) != 0;
    if ((first & 0x70) != 0) {
      throw protocolError("reserved bits set in a frame header (no extension was negotiated)");
    }
    boolean control = (opcode & 0x8) != 0;
    if (opcode != CONTINUATION && opcode != TEXT && opcode != BINARY && opcode != CLOSE && opcode != PING && opcode != PONG) {
      throw protocolError("reserved opcode " + opcode);
    }
    if (masked != server) {
      throw protocolError(server ? "an unmasked frame from a client" : "a masked frame from the server");
    }
    int length = second & 0x7F;
    int position = at + 2;
    long fullLength = length;
    if (length == 126) {
      fullLength = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
      position += 2;
    } else if (length == 127) {
      fullLength = 0;
      for (int i = 0; i < 8; i++) {
        fullLength = (fullLength << 8) | (bytes[position + i] & 0xFF);
      }
      if (fullLength < 0) {
        throw protocolError("a 64-bit frame length with its most significant bit set");
      }
      position += 8;
    }
    if (control) {
      if (!fin) {
        throw protocolError("a fragmented control frame");
      }
      if (fullLength > MAX_CONTROL_PAYLOAD) {
        throw protocolError("a control frame of " + fullLength + " bytes (at most 125)");
      }
    } else {
      long messageSoFar = opcode == CONTINUATION ? messageFill : 0;
      if (messageSoFar + fullLength > maxMessageBytes) {
        throw new WebSocketProtocolException(WebSocketProtocolException.MESSAGE_TOO_BIG,
            "a message of more than " + maxMessageBytes + " bytes (frame of " + fullLength + ")");
      }
    }
    if (masked) {
      System.arraycopy(bytes, position, mask, 0, 4);
      position += 4;
    }
    payloadLength = (int) fullLength;
    inPayload = true;
    return position - at;
  }

  /** A whole frame's payload is at {@code bytes[start, start + payloadLength)}. */
  private void frame(byte[] bytes, int start, FrameHandler handler) {
    inPayload = false;
    int length = payloadLength;
    if (masked) {
      byte[] unmasked = new byte[length];
      for (int i = 0; i < length; i++) {
        unmasked[i] = (byte) (bytes[start + i] ^ mask[i & 3]);
      }
      bytes = unmasked;
      start = 0;
    }
    switch (opcode) {
      case TEXT, BINARY -> {
        if (messageOpcode >= 0) {
          throw protocolError("a new message began before the fragmented one ended");
        }
        if (fin) {
          deliver(opcode, bytes, start, length, handler);
        } else {
          messageOpcode = opcode;
          message = new byte[(int) Math.min(maxMessageBytes, Math.max(256L, length * 2L))];
          append(bytes, start, length);
        }
      }
      case CONTINUATION -> {
        if (messageOpcode < 0) {
          throw protocolError("a continuation frame without a message to continue");
        }
        append(bytes, start, length);
        if (fin) {
          byte[] whole = message;
          int wholeLength = messageFill;
          int kind = messageOpcode;
          message = null;
          messageFill = 0;
          messageOpcode = -1;
          deliver(kind, whole, 0, wholeLength, handler);
        }
      }
      case PING -> handler.ping(copy(bytes, start, length));
      case PONG -> handler.pong(copy(bytes, start, length));
      case CLOSE -> close(bytes, start, length, handler);
      default -> throw protocolError("reserved opcode " + opcode);
    }
  }

  private static void deliver(int kind, byte[] bytes, int start, int length, FrameHandler handler) {
    if (kind == TEXT) {
      handler.text(bytes, start, length);
    } else {
      handler.binary(bytes, start, length);
    }
  }

  private void append(byte[] bytes, int start, int length) {
    if (messageFill + length > message.length) {
      byte[] grown = new byte[(int) Math.min(maxMessageBytes, Math.max((long) message.length * 2, messageFill + length))];
      System.arraycopy(message, 0, grown, 0, messageFill);
      message = grown;
    }
    System.arraycopy(bytes, start, message, messageFill, length);
    messageFill += length;
  }

  private static void close(byte[] bytes, int start, int length, FrameHandler handler) {
    if (length == 0) {
      handler.close(NO_STATUS, "");
      return;
    }
    if (length == 1) {
      throw protocolError("a close frame with a one-byte status");
    }
    int code = ((bytes[start] & 0xFF) << 8) | (bytes[start + 1] & 0xFF);
    if (!validCloseCode(code)) {
      throw protocolError("close status " + code + " is not one a peer may send");
    }
    handler.close(code, new String(bytes, start + 2, length - 2, StandardCharsets.UTF_8));
  }

  /** RFC 6455 7.4: the codes defined for use in a close frame, and the range for applications. */
  static boolean validCloseCode(int code) {
    return (code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006) || (code >= 3000 && code <= 4999);
  }

  private static byte[] copy(byte[] bytes, int start, int length) {
    byte[] copy = new byte[length];
    System.arraycopy(bytes, start, copy, 0, length);
    return copy;
  }

  private static WebSocketProtocolException protocolError(String message) {
    return new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, message);
  }
}
