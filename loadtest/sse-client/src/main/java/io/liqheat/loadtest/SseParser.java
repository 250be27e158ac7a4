package io.liqheat.loadtest;

import java.util.Arrays;

/**
 * Reads a {@code text/event-stream} body as bytes arrive, in any split, by the rules of the HTML
 * standard's event stream interpretation: lines end at CRLF, LF or CR; {@code name:value} with one
 * optional space after the colon; a line without a colon is a field with an empty value; a line
 * starting with a colon is a comment; {@code data} lines are joined with LF; a blank line ends the
 * event. Nothing is decoded to strings: the type is matched as bytes, the id parsed as a number, and
 * the data handed over as the bytes of this parser's buffer.
 *
 * <p>Unlike a browser it reports every block, also one without data, and what it saw wrong in it
 * (unknown fields, a repeated or non-numeric id), so the caller can count what a browser would drop.
 */
final class SseParser {

  enum Type { SNAPSHOT, BANDS, FROZEN, NONE, OTHER }

  /** One event, valid only during {@link Listener#event}: the data bytes are reused afterwards. */
  interface Listener {
    void event(Type type, long id, boolean idValid, boolean hasData, byte[] data, int dataLength) throws ProtocolException;
  }

  /** No event here comes near this; a block that does is a broken stream. */
  static final int MAX_DATA = 4 * 1024 * 1024;

  /** The longest field name we compare ("snapshot" is the longest value, "event" the longest name). */
  private static final int MAX_SHORT = 32;

  private static final long NO_ID = Long.MIN_VALUE;

  private enum State { LINE_START, NAME, VALUE_START, VALUE, COMMENT }

  private enum Field { EVENT, DATA, ID, RETRY, UNKNOWN }

  private final Listener listener;
  private State state = State.LINE_START;
  private boolean afterCr;

  private final byte[] name = new byte[MAX_SHORT];
  private int nameLength;
  private Field field;
  private final byte[] value = new byte[MAX_SHORT];
  private int valueLength;
  private boolean valueTooLong;

  private byte[] data = new byte[4096];
  private int dataLength;
  private boolean hasData;
  private Type type = Type.NONE;
  private long id = NO_ID;
  private boolean idValid = true;
  private boolean anyField;
  private long unknownFields;
  private long comments;

  SseParser(Listener listener) {
    this.listener = listener;
  }

  /** Lines that named a field this server never sends, so far. */
  long unknownFields() {
    return unknownFields;
  }

  long comments() {
    return comments;
  }

  void feed(byte[] in, int offset, int count) throws ProtocolException {
    int end = offset + count;
    for (int i = offset; i < end; ) {
      byte b = in[i];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          i++;
          continue;
        }
      }
      boolean eol = b == '\n' || b == '\r';
      switch (state) {
        case LINE_START -> {
          if (eol) {
            afterCr = b == '\r';
            dispatch();
          } else if (b == ':') {
            comments++;
            state = State.COMMENT;
          } else {
            nameLength = 0;
            state = State.NAME;
            continue;
          }
          i++;
        }
        case NAME -> {
          if (eol) {
            afterCr = b == '\r';
            field = field();
            valueLength = 0;
            valueTooLong = false;
            endField();
            state = State.LINE_START;
          } else if (b == ':') {
            field = field();
            valueLength = 0;
            valueTooLong = false;
            state = State.VALUE_START;
          } else if (nameLength < MAX_SHORT) {
            name[nameLength++] = b;
          } else {
            nameLength = MAX_SHORT + 1;
          }
          i++;
        }
        case VALUE_START -> {
          state = State.VALUE;
          if (b == ' ') {
            i++;
          }
        }
        case VALUE -> {
          if (eol) {
            afterCr = b == '\r';
            endField();
            state = State.LINE_START;
            i++;
          } else {
            int lineEnd = i;
            while (lineEnd < end && in[lineEnd] != '\n' && in[lineEnd] != '\r') {
              lineEnd++;
            }
            take(in, i, lineEnd - i);
            i = lineEnd;
          }
        }
        case COMMENT -> {
          if (eol) {
            afterCr = b == '\r';
            state = State.LINE_START;
          }
          i++;
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
  }

  private Field field() throws ProtocolException {
    if (is(name, nameLength, "data")) {
      if (hasData) {
        ensureData(1);
        data[dataLength++] = '\n';
      }
      hasData = true;
      return Field.DATA;
    }
    if (is(name, nameLength, "event")) {
      return Field.EVENT;
    }
    if (is(name, nameLength, "id")) {
      return Field.ID;
    }
    if (is(name, nameLength, "retry")) {
      return Field.RETRY;
    }
    return Field.UNKNOWN;
  }

  private void take(byte[] in, int offset, int count) throws ProtocolException {
    if (field == Field.DATA) {
      ensureData(count);
      System.arraycopy(in, offset, data, dataLength, count);
      dataLength += count;
    } else if (valueLength + count <= MAX_SHORT) {
      System.arraycopy(in, offset, value, valueLength, count);
      valueLength += count;
    } else {
      valueTooLong = true;
    }
  }

  private void ensureData(int more) throws ProtocolException {
    if (dataLength + more > MAX_DATA) {
      throw new ProtocolException("an event's data grew past " + MAX_DATA + " bytes");
    }
    if (dataLength + more > data.length) {
      data = Arrays.copyOf(data, Math.max(dataLength + more, 2 * data.length));
    }
  }

  private void endField() {
    anyField = true;
    switch (field) {
      case EVENT -> type = valueTooLong ? Type.OTHER : type(value, valueLength);
      case ID -> {
        // A second id in one event, or one that is not a window start, is something to count.
        idValid &= id == NO_ID && !valueTooLong;
        id = number(value, valueLength);
        idValid &= id != NO_ID;
      }
      case UNKNOWN -> unknownFields++;
      default -> { }
    }
  }

  private void dispatch() throws ProtocolException {
    if (anyField) {
      listener.event(type, id == NO_ID ? -1 : id, id != NO_ID && idValid, hasData, data, dataLength);
    }
    dataLength = 0;
    hasData = false;
    type = Type.NONE;
    id = NO_ID;
    idValid = true;
    anyField = false;
  }

  private static Type type(byte[] bytes, int length) {
    if (length == 0) {
      return Type.NONE;
    }
    if (is(bytes, length, "bands")) {
      return Type.BANDS;
    }
    if (is(bytes, length, "snapshot")) {
      return Type.SNAPSHOT;
    }
    if (is(bytes, length, "frozen")) {
      return Type.FROZEN;
    }
    return Type.OTHER;
  }

  private static boolean is(byte[] bytes, int length, String ascii) {
    if (length != ascii.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A non-negative decimal, or NO_ID. */
  private static long number(byte[] bytes, int length) {
    if (length == 0 || length > 18) {
      return NO_ID;
    }
    long n = 0;
    for (int i = 0; i < length; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return NO_ID;
      }
      n = n * 10 + digit;
    }
    return n;
  }
}
