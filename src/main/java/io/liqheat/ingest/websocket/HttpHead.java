package io.liqheat.ingest.websocket;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head of an HTTP/1.1 message (start line and header fields), which is all a WebSocket opening
 * handshake exchanges. Field names are case-insensitive, so they are kept in lower case; a field sent
 * twice keeps both values, comma-separated, as HTTP allows.
 */
public record HttpHead(String startLine, Map<String, String> fields) {

  /** A head longer than this is refused rather than buffered without end. */
  public static final int MAX_BYTES = 16 * 1024;

  public HttpHead {
    fields = Map.copyOf(fields);
  }

  /** The length of the head at the start of {@code bytes[0, length)}, blank line included; -1 if it has not all arrived. */
  public static int length(byte[] bytes, int length) {
    for (int i = 3; i < length; i++) {
      if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Parses a complete head (as found by {@link #length}); lines that are not fields are an error. */
  public static HttpHead parse(byte[] bytes, int length) {
    String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("not an HTTP header field: '" + lines[i] + "'");
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      fields.merge(name, value, (first, second) -> first + ", " + second);
    }
    return new HttpHead(lines[0], fields);
  }

  /** The field's value, or "" when absent. */
  public String field(String name) {
    return fields.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  /** True if the comma-separated field lists {@code token}, in any case (e.g. Connection: keep-alive, Upgrade). */
  public boolean lists(String name, String token) {
    for (String value : field(name).split(",")) {
      if (value.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }
}
