package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.ConnectorRig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS from the allowlist only, and the per-client SSE limit (by the connection's address), over real sockets. */
class ApiSecurityTest {

  private static final String STREAM = "/api/v1/markets/binance:BTCUSDT/bands/stream";
  private static LiveApiRig rig;

  @BeforeAll
  static void start() {
    rig = LiveApiRig.start();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void byDefaultNoOriginGetsCorsHeaders() {
    HttpResponse<String> response = rig.get("/api/v1/markets", "Origin", "https://a.example");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> preflight = rig.send(rig.baseUrl(), "OPTIONS", "/api/v1/markets",
        "Origin", "https://a.example", "Access-Control-Request-Method", "GET");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.statusCode()).isEqualTo(405);
  }

  @Test
  void anAllowedOriginGetsCorsHeadersAndItsPreflightAnotherDoesNot() {
    String base = rig.serve("cors.allowed-origins = [\"https://a.example\"]");
    HttpResponse<String> allowed = rig.send(base, "GET", "/api/v1/markets", "Origin", "https://a.example");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://a.example");

    HttpResponse<String> preflight = rig.send(base, "OPTIONS", "/api/v1/markets/binance:BTCUSDT/bands",
        "Origin", "https://a.example", "Access-Control-Request-Method", "GET");
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://a.example");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET");

    HttpResponse<String> other = rig.send(base, "GET", "/api/v1/markets", "Origin", "https://b.example");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> otherPreflight = rig.send(base, "OPTIONS", "/api/v1/markets",
        "Origin", "https://b.example", "Access-Control-Request-Method", "GET");
    assertThat(otherPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(otherPreflight.statusCode()).isNotEqualTo(204);
  }

  @Test
  void aStreamRefusedForItsAcceptHeaderHoldsNoSlot() {
    String base = rig.serve("sse.max-per-client = 1");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> refused = rig.send(base, "GET", STREAM, "Accept", "application/json");
      assertThat(refused.statusCode()).isEqualTo(406);
      assertThat(refused.body()).contains("\"error\"");
    }
    try (SseConnection stream = rig.openStream(base, STREAM)) {
      assertThat(stream.status()).as("the refused requests left the client's one slot free").isEqualTo(200);
      assertThat(stream.next("snapshot")).isNotNull();
    }
  }

  @Test
  void aClientOverItsStreamLimitGets429JsonAndClosingAStreamFreesASlot() {
    String base = rig.serve("sse.max-per-client = 2");
    List<SseConnection> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        SseConnection stream = rig.openStream(base, STREAM);
        open.add(stream);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next("snapshot")).isNotNull();
      }
      try (SseConnection third = rig.openStream(base, STREAM)) {
        assertThat(third.status()).isEqualTo(429);
        String body = third.errorBody();
        assertThat(body).contains("\"error\":\"too_many_requests\"").contains("max-per-client");
      }
      open.remove(0).close();
      // The server notices the closed connection on its own schedule: retry until the slot is free.
      SseConnection freed = ConnectorRig.eventually(LiveApiRig.WITHIN, () -> {
        SseConnection attempt = rig.openStream(base, STREAM);
        if (attempt.status() != 200) {
          attempt.close();
        }
        return attempt;
      }, attempt -> attempt.status() == 200);
      open.add(freed);
      assertThat(freed.next("snapshot")).isNotNull();
    } finally {
      open.forEach(SseConnection::close);
    }
  }

  @Test
  void theStreamLimitCountsTheConnectionsAddressNotForwardingHeaders() {
    String base = rig.serve("sse.max-per-client = 1");
    try (SseConnection first = rig.openStream(base, STREAM)) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.next("snapshot")).isNotNull();
      for (String header : List.of("X-Forwarded-For", "X-Real-IP")) {
        try (SseConnection second = rig.openStream(base, STREAM, header, "203.0.113." + header.length())) {
          assertThat(second.status()).as("a second stream from 127.0.0.1 claiming another address in %s", header)
              .isEqualTo(429);
          assertThat(second.errorBody()).contains("\"error\":\"too_many_requests\"").contains("max-per-client");
        }
      }
    }
  }

  @Test
  void aStreamNamingAnotherAddressInAHeaderTakesNoneOfThatAddresssSlots() throws IOException {
    String base = rig.serve("sse.max-per-client = 1");
    int port = URI.create(base).getPort();
    // 127.0.0.2 is another loopback address: a client there is another client.
    try (SseConnection spoofing = rig.openStream(base, STREAM, "X-Forwarded-For", "127.0.0.2", "X-Real-IP", "127.0.0.2");
        Socket other = streamFrom("127.0.0.2", port)) {
      assertThat(spoofing.status()).isEqualTo(200);
      assertThat(spoofing.next("snapshot")).isNotNull();
      String statusLine = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertThat(statusLine).as("the stream of the client at 127.0.0.2").startsWith("HTTP/1.1 200");
    }
  }

  /** A GET of the stream over a socket bound to {@code localAddress}, left open (java.net.http cannot bind one in Java 17). */
  private static Socket streamFrom(String localAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(30_000);
    socket.getOutputStream().write(("GET " + STREAM + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }
}
