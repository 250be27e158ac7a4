package io.liqheat.ingest.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.ingest.RawMessages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client over a real socket against a peer scripted byte by byte: handshake, data, ping, close, errors. */
class WebSocketClientTest {

  private static final WebSocketClientSettings SETTINGS =
      new WebSocketClientSettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(3));
  private static ActorSystem<Void> system;
  private ScriptedServer server;

  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create(Behaviors.empty(), "websocket-client-test");
  }

  @AfterAll
  static void stopSystem() {
    system.terminate();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] text(String text) {
    return FrameEncoder.serverFrame(true, FrameDecoder.TEXT, utf8(text));
  }

  private URI url(String pathAndQuery) {
    return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
  }

  /** Runs the client with {@code outgoing}; returns (upgraded, end of stream) and records every message's text. */
  private Pair<CompletionStage<Done>, CompletionStage<Done>> run(Source<String, ?> outgoing, URI url,
      WebSocketClientSettings settings, List<String> received, long take) {
    return outgoing
        .viaMat(WebSocketClient.flow(system, url, settings), Keep.right())
        .mapConcat(WebSocketClientTest::texts)
        .take(take)
        .map(message -> {
          received.add(message);
          return message;
        })
        .toMat(Sink.ignore(), Keep.both())
        .run(system);
  }

  private static List<String> texts(RawMessages messages) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      texts.add(messages.text(i));
    }
    return texts;
  }

  private static Throwable failureOf(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the stream neither failed nor ended", e);
    }
    throw new AssertionError("the stream ended without failing");
  }

  @Test
  void theUpgradeRequestCarriesPathQueryHostAndAFreshKey() throws Exception {
    CompletableFuture<HttpHead> request = server.serve(ScriptedServer.Peer::upgrade);
    List<String> received = new CopyOnWriteArrayList<>();
    Pair<CompletionStage<Done>, CompletionStage<Done>> client =
        run(Source.maybe(), url("/stream?streams=btcusdt@aggTrade/!forceOrder@arr"), SETTINGS, received, 1);

    client.first().toCompletableFuture().get(10, TimeUnit.SECONDS);
    HttpHead head = request.get(10, TimeUnit.SECONDS);
    assertThat(head.startLine()).isEqualTo("GET /stream?streams=btcusdt@aggTrade/!forceOrder@arr HTTP/1.1");
    assertThat(head.field("Host")).isEqualTo("127.0.0.1:" + server.port());
    assertThat(Base64.getDecoder().decode(head.field("Sec-WebSocket-Key"))).hasSize(16);
  }

  @Test
  void subscriptionsGoOutMaskedMessagesComeInWholeAndACancelClosesCleanly() throws Exception {
    CompletableFuture<List<String>> seen = server.serve(peer -> {
      peer.upgrade();
      List<String> frames = new ArrayList<>();
      frames.add(peer.nextFrame());
      // Three messages in one write, then one in three fragments over three writes.
      peer.write(text("{\"n\":1}"), text("{\"n\":2}"), text("{\"n\":3}"));
      peer.write(FrameEncoder.serverFrame(false, FrameDecoder.TEXT, utf8("{\"n\"")));
      peer.write(FrameEncoder.serverFrame(false, FrameDecoder.CONTINUATION, utf8(":")));
      peer.write(FrameEncoder.serverFrame(true, FrameDecoder.CONTINUATION, utf8("4}")));
      frames.add(peer.nextFrame());
      peer.write(FrameEncoder.serverFrame(true, FrameDecoder.CLOSE, FrameEncoder.closePayload(1000, "")));
      return frames;
    });
    List<String> received = new CopyOnWriteArrayList<>();
    Pair<CompletionStage<Done>, CompletionStage<Done>> client =
        run(Source.single("{\"op\":\"subscribe\"}").concat(Source.maybe()), url("/v5/public/linear"), SETTINGS, received, 4);

    client.second().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(received).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
    // The server's decoder refuses unmasked frames, so reading them proves they were masked.
    assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("text {\"op\":\"subscribe\"}", "close 1000");
  }

  @Test
  void aPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
    CompletableFuture<String> answer = server.serve(peer -> {
      peer.upgrade();
      peer.write(FrameEncoder.serverFrame(true, FrameDecoder.PING, utf8("hb-1")));
      String pong = peer.nextFrame();
      peer.write(text("after the ping"));
      return pong;
    });
    List<String> received = new CopyOnWriteArrayList<>();
    run(Source.maybe(), url("/ws"), SETTINGS, received, 1).second().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("pong hb-1");
    assertThat(received).containsExactly("after the ping");
  }

  @Test
  void aServerCloseIsAnsweredAndEndsTheStreamWithItsCodeAfterTheMessagesBeforeIt() throws Exception {
    CompletableFuture<String> answer = server.serve(peer -> {
      peer.upgrade();
      peer.write(text("last words"), FrameEncoder.serverFrame(true, FrameDecoder.CLOSE, FrameEncoder.closePayload(1001, "maintenance")));
      return peer.nextFrame();
    });
    List<String> received = new CopyOnWriteArrayList<>();
    Throwable failure = failureOf(run(Source.maybe(), url("/ws"), SETTINGS, received, 10).second());

    assertThat(failure).isInstanceOf(WebSocketClosedException.class).hasMessage("closed by the server: 1001 maintenance");
    assertThat(received).containsExactly("last words");
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("close 1001");
  }

  @Test
  void aRefusedUpgradeFailsWithTheStatusLine() throws Exception {
    server.serve(peer -> {
      peer.request();
      peer.write(utf8("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
      return null;
    });
    Pair<CompletionStage<Done>, CompletionStage<Done>> client = run(Source.maybe(), url("/nowhere"), SETTINGS, new ArrayList<>(), 1);

    assertThat(failureOf(client.second())).isInstanceOf(WebSocketHandshakeException.class)
        .hasMessage("WebSocket upgrade refused: HTTP/1.1 404 Not Found");
    assertThat(failureOf(client.first())).hasMessage("WebSocket upgrade refused: HTTP/1.1 404 Not Found");
  }

  @Test
  void anAcceptThatDoesNotMatchTheKeyIsRefused() throws Exception {
    server.serve(peer -> {
      peer.request();
      peer.write(WebSocketHandshake.switchingProtocols("c29tZSBvdGhlciBrZXkgISE="));
      return null;
    });
    assertThatThrownBy(() -> run(Source.maybe(), url("/ws"), SETTINGS, new ArrayList<>(), 1).second()
        .toCompletableFuture().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .hasMessageContaining("does not match the key sent");
  }

  @Test
  void aMaskedFrameFromTheServerFailsTheConnectionWithCloseCode1002() throws Exception {
    CompletableFuture<String> answer = server.serve(peer -> {
      peer.upgrade();
      peer.write(FrameEncoder.frame(true, FrameDecoder.TEXT, utf8("masked"), new byte[] {1, 2, 3, 4}));
      return peer.nextFrame();
    });
    Throwable failure = failureOf(run(Source.maybe(), url("/ws"), SETTINGS, new ArrayList<>(), 1).second());

    assertThat(failure).isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("masked frame from the server");
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("close 1002");
  }

  @Test
  void aMessageOverTheMaximumFailsTheConnectionWithCloseCode1009() throws Exception {
    CompletableFuture<String> answer = server.serve(peer -> {
      peer.upgrade();
      peer.write(text("x".repeat(2_000)));
      return peer.nextFrame();
    });
    WebSocketClientSettings small = new WebSocketClientSettings(1_000, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(3));
    Throwable failure = failureOf(run(Source.maybe(), url("/ws"), small, new ArrayList<>(), 1).second());

    assertThat(failure).isInstanceOf(WebSocketProtocolException.class);
    assertThat(((WebSocketProtocolException) failure).closeCode()).isEqualTo(1009);
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("close 1009");
  }

  @Test
  void aConnectionDroppedWithoutACloseFrameFailsAs1006() throws Exception {
    server.serve(peer -> {
      peer.upgrade();
      peer.write(text("one"));
      return null; // the socket closes here
    });
    List<String> received = new CopyOnWriteArrayList<>();
    Throwable failure = failureOf(run(Source.maybe(), url("/ws"), SETTINGS, received, 10).second());

    assertThat(failure).isInstanceOf(WebSocketClosedException.class).hasMessageContaining("without a close frame (1006)");
    assertThat(received).containsExactly("one");
  }

  @Test
  void tlsEnginesVerifyTheHostNameAndNameItInSni() throws Exception {
    javax.net.ssl.SSLEngine engine = WebSocketClient.sslEngine(javax.net.ssl.SSLContext.getDefault(), "fstream.binance.com", 443);
    assertThat(engine.getUseClientMode()).isTrue();
    assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(engine.getSSLParameters().getServerNames()).containsExactly(new javax.net.ssl.SNIHostName("fstream.binance.com"));
    assertThat(engine.getPeerHost()).isEqualTo("fstream.binance.com");
  }

  @Test
  void onlyWebSocketUrlsAreAccepted() {
    assertThatThrownBy(() -> WebSocketClient.flow(system, URI.create("http://127.0.0.1:1/ws"), SETTINGS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws:// or wss://");
  }
}
