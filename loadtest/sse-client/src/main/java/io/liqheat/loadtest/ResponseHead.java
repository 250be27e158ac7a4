package io.liqheat.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 response's status line and headers, collected from the socket's first bytes until the
 * blank line that ends them. Header names are kept in lower case; a repeated header keeps its last
 * value, which is all the checks here need.
 */
final class ResponseHead {

  /** Far above this server's few hundred bytes; a longer head is a broken stream. */
  static final int MAX_BYTES = 16 * 1024;

  private byte[] bytes = new byte[512];
  private int length;
  private int status = -1;
  private final Map<String, String> headers = new HashMap<>();

  /**
   * Takes bytes until the head is complete.
   *
   * @return how many of the given bytes belong to the head; fewer than {@code count} once it is
   *     complete, the rest being the body's first bytes
   * @throws ProtocolException when the head is malformed or too long
   */
  int feed(byte[] in, int offset, int count) throws ProtocolException {
    for (int i = 0; i < count; i++) {
      if (length == bytes.length) {
        if (length == MAX_BYTES) {
          throw new ProtocolException("response head longer than " + MAX_BYTES + " bytes");
        }
        bytes = java.util.Arrays.copyOf(bytes, Math.min(MAX_BYTES, 2 * length));
      }
      bytes[length++] = in[offset + i];
      if (length >= 4 && bytes[length - 1] == '\n' && bytes[length - 2] == '\r' && bytes[length - 3] == '\n'
          && bytes[length - 4] == '\r') {
        parse();
        return i + 1;
      }
    }
    return count;
  }

  boolean complete() {
    return status >= 0;
  }

  int status() {
    return status;
  }

  /** The header's value, or "" when absent; {@code name} in lower case. */
  String header(String name) {
    return headers.getOrDefault(name, "");
  }

  private void parse() throws ProtocolException {
    String[] lines = new String(bytes, 0, length - 4, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new ProtocolException("not an HTTP/1.x status line: " + lines[0]);
    }
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad status code in: " + lines[0]);
    }
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("bad header line: " + lines[i]);
      }
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
  }
}
