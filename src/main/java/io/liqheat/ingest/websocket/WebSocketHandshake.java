package io.liqheat.ingest.websocket;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * The RFC 6455 opening handshake, both sides: the client's HTTP/1.1 upgrade request with a random
 * {@code Sec-WebSocket-Key}, the server's 101 answer with the matching {@code Sec-WebSocket-Accept},
 * and the checks each side makes of the other. No extension and no subprotocol is offered, so a
 * server that picks one is refused.
 */
public final class WebSocketHandshake {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private WebSocketHandshake() {}

  /** A fresh key: 16 random bytes, base64-encoded. */
  public static String newKey(Random random) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** The Sec-WebSocket-Accept that proves a server read {@code key}: base64(SHA-1(key + GUID)). */
  public static String accept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  /** The upgrade request for {@code url} (ws or wss): path and query from the URL, Host with a non-default port. */
  public static byte[] request(URI url, String key) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    int defaultPort = "wss".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    String host = url.getPort() == -1 || url.getPort() == defaultPort ? url.getHost() : url.getHost() + ":" + url.getPort();
    String request = "GET " + target + " HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "User-Agent: liqheat\r\n"
        + "\r\n";
    return request.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Checks the server's answer to a request made with {@code key}; throws with the status line if it is not a valid 101. */
  public static void verifyResponse(HttpHead response, String key) {
    String[] status = response.startLine().split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new WebSocketHandshakeException("WebSocket upgrade: not an HTTP answer: '" + response.startLine() + "'");
    }
    if (!"101".equals(status[1])) {
      throw new WebSocketHandshakeException("WebSocket upgrade refused: " + response.startLine());
    }
    if (!"websocket".equalsIgnoreCase(response.field("Upgrade")) || !response.lists("Connection", "upgrade")) {
      throw new WebSocketHandshakeException("WebSocket upgrade: 101 without 'Upgrade: websocket' and 'Connection: Upgrade'");
    }
    if (!accept(key).equals(response.field("Sec-WebSocket-Accept"))) {
      throw new WebSocketHandshakeException("WebSocket upgrade: Sec-WebSocket-Accept '" + response.field("Sec-WebSocket-Accept")
          + "' does not match the key sent");
    }
    if (!response.field("Sec-WebSocket-Extensions").isEmpty() || !response.field("Sec-WebSocket-Protocol").isEmpty()) {
      throw new WebSocketHandshakeException("WebSocket upgrade: the server chose an extension or subprotocol that was not offered");
    }
  }

  /** The request's target path without its query, e.g. "/stream" of "/stream?streams=a/b". */
  public static String path(HttpHead request) {
    String[] parts = request.startLine().split(" ");
    String target = parts.length >= 2 ? parts[1] : "";
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** A server's check of an upgrade request: the client's key, or an exception saying what is wrong (answered with 400). */
  public static String clientKey(HttpHead request) {
    String[] parts = request.startLine().split(" ");
    if (parts.length != 3 || !"GET".equals(parts[0]) || !"HTTP/1.1".equals(parts[2])) {
      throw new WebSocketHandshakeException("not a GET HTTP/1.1 request: '" + request.startLine() + "'");
    }
    if (!"websocket".equals(request.field("Upgrade").toLowerCase(Locale.ROOT)) || !request.lists("Connection", "upgrade")) {
      throw new WebSocketHandshakeException("not a WebSocket upgrade request");
    }
    if (!"13".equals(request.field("Sec-WebSocket-Version"))) {
      throw new WebSocketHandshakeException("unsupported Sec-WebSocket-Version '" + request.field("Sec-WebSocket-Version") + "'");
    }
    String key = request.field("Sec-WebSocket-Key");
    try {
      if (Base64.getDecoder().decode(key).length != 16) {
        throw new WebSocketHandshakeException("Sec-WebSocket-Key is not 16 bytes");
      }
    } catch (IllegalArgumentException e) {
      throw new WebSocketHandshakeException("Sec-WebSocket-Key is not base64");
    }
    return key;
  }

  /** The server's 101 answer to a request with {@code key}. */
  public static byte[] switchingProtocols(String key) {
    String response = "HTTP/1.1 101 Switching Protocols\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n"
        + "\r\n";
    return response.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A refusal that closes the connection, e.g. {@code refusal("404 Not Found")}. */
  public static byte[] refusal(String status) {
    return ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }
}
