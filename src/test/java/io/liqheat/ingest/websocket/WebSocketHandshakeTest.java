package io.liqheat.ingest.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {

  private static HttpHead head(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return HttpHead.parse(bytes, HttpHead.length(bytes, bytes.length));
  }

  private static String ok(String accept) {
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n";
  }

  /** RFC 6455 sections 1.3 and 4.2.2. */
  @Test
  void theAcceptOfRfc6455sExampleKey() {
    assertThat(WebSocketHandshake.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void keysAreSixteenRandomBytes() {
    Random random = new Random(7);
    String first = WebSocketHandshake.newKey(random);
    assertThat(Base64.getDecoder().decode(first)).hasSize(16);
    assertThat(WebSocketHandshake.newKey(random)).isNotEqualTo(first);
  }

  @Test
  void theRequestCarriesPathQueryHostAndKey() {
    URI combined = URI.create("ws://127.0.0.1:8443/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s/!forceOrder@arr");
    String request = new String(WebSocketHandshake.request(combined, "dGhlIHNhbXBsZSBub25jZQ=="), StandardCharsets.ISO_8859_1);
    assertThat(request).startsWith("GET /stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s/!forceOrder@arr HTTP/1.1\r\n")
        .contains("\r\nHost: 127.0.0.1:8443\r\n", "\r\nUpgrade: websocket\r\n", "\r\nConnection: Upgrade\r\n",
            "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "\r\nSec-WebSocket-Version: 13\r\n")
        .endsWith("\r\n\r\n");

    String tls = new String(WebSocketHandshake.request(URI.create("wss://stream.bybit.com/v5/public/linear"), "k"),
        StandardCharsets.ISO_8859_1);
    assertThat(tls).startsWith("GET /v5/public/linear HTTP/1.1\r\n").contains("\r\nHost: stream.bybit.com\r\n");
    String root = new String(WebSocketHandshake.request(URI.create("ws://example.com"), "k"), StandardCharsets.ISO_8859_1);
    assertThat(root).startsWith("GET / HTTP/1.1\r\n");
  }

  @Test
  void aValid101IsAccepted() {
    String key = "dGhlIHNhbXBsZSBub25jZQ==";
    WebSocketHandshake.verifyResponse(head(ok("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")), key);
    // Field names in any case, Connection listing more than one token.
    WebSocketHandshake.verifyResponse(head("HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\n"
        + "connection: keep-alive, Upgrade\r\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"), key);
  }

  @Test
  void aRefusalNamesItsStatusLine() {
    assertThatThrownBy(() -> WebSocketHandshake.verifyResponse(head("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"), "k"))
        .isInstanceOf(WebSocketHandshakeException.class)
        .hasMessage("WebSocket upgrade refused: HTTP/1.1 403 Forbidden");
  }

  @Test
  void aWrongAcceptOrAMissingUpgradeIsRefused() {
    assertThatThrownBy(() -> WebSocketHandshake.verifyResponse(head(ok("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")), "dGhlIHNhbXBsZSBub25jZQ=="))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> WebSocketHandshake.verifyResponse(
        head("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"),
        "dGhlIHNhbXBsZSBub25jZQ==")).hasMessageContaining("Upgrade: websocket");
    assertThatThrownBy(() -> WebSocketHandshake.verifyResponse(
        head(ok("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")),
        "dGhlIHNhbXBsZSBub25jZQ==")).hasMessageContaining("not offered");
  }

  @Test
  void aServerReadsTheKeyAndAnswersWithItsAccept() {
    byte[] request = WebSocketHandshake.request(URI.create("ws://localhost:1/ws/v5/public"), "dGhlIHNhbXBsZSBub25jZQ==");
    HttpHead parsed = HttpHead.parse(request, HttpHead.length(request, request.length));
    assertThat(WebSocketHandshake.path(parsed)).isEqualTo("/ws/v5/public");
    assertThat(WebSocketHandshake.clientKey(parsed)).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
    byte[] answer = WebSocketHandshake.switchingProtocols("dGhlIHNhbXBsZSBub25jZQ==");
    WebSocketHandshake.verifyResponse(HttpHead.parse(answer, HttpHead.length(answer, answer.length)), "dGhlIHNhbXBsZSBub25jZQ==");

    assertThatThrownBy(() -> WebSocketHandshake.clientKey(head("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")))
        .hasMessageContaining("not a WebSocket upgrade");
    assertThatThrownBy(() -> WebSocketHandshake.clientKey(head(
        "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 8\r\n\r\n")))
        .hasMessageContaining("Sec-WebSocket-Version");
  }

  @Test
  void aHeadIsFoundOnlyOnceItsBlankLineArrived() {
    byte[] partial = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(HttpHead.length(partial, partial.length)).isEqualTo(-1);
    byte[] whole = "HTTP/1.1 101 OK\r\n\r\n\u0081\u0000".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(HttpHead.length(whole, whole.length)).isEqualTo(whole.length - 2);
  }
}
