package io.liqheat.ingest.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.ingest.RawMessages;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * wss:// against an independent TLS WebSocket server (Pekko HTTP's) with a self-signed certificate
 * for "localhost" made by keytool for the test: the handshake, SNI and the check of the host name.
 */
class WebSocketTlsTest {

  private static final WebSocketClientSettings SETTINGS =
      new WebSocketClientSettings(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(3));
  private static ActorSystem<Void> system;
  private static ServerBinding binding;
  private static SSLContext clientTls;

  @BeforeAll
  static void start() throws Exception {
    Path keystore = Files.createTempDirectory("liqheat-tls").resolve("localhost.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keys.getKeyManagers(), null, null);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trust.getTrustManagers(), null);

    system = ActorSystem.create(Behaviors.empty(), "websocket-tls-test");
    // Greets, then echoes every text.
    Flow<Message, Message, ?> greetAndEcho = Flow.<Message>create()
        .map(message -> (Message) TextMessage.create("echo " + message.asTextMessage().getStrictText()))
        .prepend(Source.single(TextMessage.create("hello over tls")));
    binding = Http.get(system).newServerAt("127.0.0.1", 0).enableHttps(ConnectionContext.httpsServer(serverTls))
        .bind(new AllDirectives() {}.path("echo", () -> new AllDirectives() {}.handleWebSocketMessages(greetAndEcho)))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    binding.unbind();
    system.terminate();
  }

  private static List<String> texts(RawMessages messages) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      texts.add(messages.text(i));
    }
    return texts;
  }

  @Test
  void aCertificateForTheHostNameIsAcceptedAndMessagesFlowBothWays() throws Exception {
    URI url = URI.create("wss://localhost:" + binding.localAddress().getPort() + "/echo");
    List<String> received = Source.single("{\"op\":\"subscribe\"}").concat(Source.maybe())
        .via(WebSocketClient.flow(system, url, SETTINGS, clientTls))
        .mapConcat(WebSocketTlsTest::texts)
        .take(2)
        .runWith(Sink.seq(), system)
        .toCompletableFuture().get(15, TimeUnit.SECONDS);

    assertThat(received).containsExactly("hello over tls", "echo {\"op\":\"subscribe\"}");
  }

  @Test
  void aCertificateThatDoesNotNameTheHostIsRefused() {
    // The certificate names "localhost" only; the same server reached as 127.0.0.1 must not be trusted.
    URI url = URI.create("wss://127.0.0.1:" + binding.localAddress().getPort() + "/echo");
    assertThatThrownBy(() -> Source.<String>maybe()
        .via(WebSocketClient.flow(system, url, SETTINGS, clientTls))
        .runWith(Sink.seq(), system)
        .toCompletableFuture().get(15, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
        .rootCause().hasMessageContaining("127.0.0.1");
  }
}
