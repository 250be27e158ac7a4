package io.liqheat.loadtest;

/**
 * Decodes an HTTP/1.1 chunked body (RFC 9112 section 7.1) as bytes arrive, in any split: hexadecimal
 * size line (extensions after ';' are ignored), CRLF, that many bytes of data, CRLF; a zero size
 * ends the body after its (ignored) trailer lines. The data goes to the sink without copying.
 */
final class ChunkedDecoder {

  /** Receives the body's data, in pieces that may end anywhere. */
  interface Sink {
    void data(byte[] in, int offset, int count) throws ProtocolException;
  }

  private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER, TRAILER_LF, LAST_LF, DONE }

  /** No chunk of an event stream comes near this; a larger size is garbage. */
  private static final long MAX_CHUNK = 64L * 1024 * 1024;

  private State state = State.SIZE;
  private long size;
  private int digits;
  private long remaining;

  /** True once the terminating zero-size chunk and its trailer have been read. */
  boolean done() {
    return state == State.DONE;
  }

  void feed(byte[] in, int offset, int count, Sink sink) throws ProtocolException {
    int i = offset;
    int end = offset + count;
    while (i < end) {
      byte b = in[i];
      switch (state) {
        case SIZE -> {
          int digit = Character.digit(b, 16);
          if (digit >= 0) {
            size = size * 16 + digit;
            if (++digits > 16 || size > MAX_CHUNK) {
              throw new ProtocolException("chunk size too large");
            }
          } else if (digits > 0 && b == ';') {
            state = State.EXTENSION;
          } else if (digits > 0 && b == '\r') {
            state = State.SIZE_LF;
          } else {
            throw new ProtocolException("bad byte " + (b & 0xff) + " in a chunk size line");
          }
          i++;
        }
        case EXTENSION -> {
          if (b == '\r') {
            state = State.SIZE_LF;
          }
          i++;
        }
        case SIZE_LF -> {
          expect(b, '\n', "after a chunk size");
          i++;
          if (size == 0) {
            state = State.TRAILER_START;
          } else {
            remaining = size;
            state = State.DATA;
          }
          size = 0;
          digits = 0;
        }
        case DATA -> {
          int take = (int) Math.min(remaining, end - i);
          sink.data(in, i, take);
          i += take;
          remaining -= take;
          if (remaining == 0) {
            state = State.DATA_CR;
          }
        }
        case DATA_CR -> {
          expect(b, '\r', "after chunk data");
          state = State.DATA_LF;
          i++;
        }
        case DATA_LF -> {
          expect(b, '\n', "after chunk data");
          state = State.SIZE;
          i++;
        }
        case TRAILER_START -> {
          state = b == '\r' ? State.LAST_LF : State.TRAILER;
          i++;
        }
        case TRAILER -> {
          if (b == '\r') {
            state = State.TRAILER_LF;
          }
          i++;
        }
        case TRAILER_LF -> {
          expect(b, '\n', "after a trailer line");
          state = State.TRAILER_START;
          i++;
        }
        case LAST_LF -> {
          expect(b, '\n', "at the end of the body");
          state = State.DONE;
          i++;
        }
        case DONE -> throw new ProtocolException("bytes after the end of the chunked body");
        default -> throw new IllegalStateException(state.name());
      }
    }
  }

  private static void expect(byte actual, char wanted, String where) throws ProtocolException {
    if (actual != wanted) {
      throw new ProtocolException("expected " + (wanted == '\r' ? "CR" : "LF") + " " + where + ", got byte " + (actual & 0xff));
    }
  }
}
