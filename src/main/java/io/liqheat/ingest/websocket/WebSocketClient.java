package io.liqheat.ingest.websocket;

import io.liqheat.ingest.RawMessages;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * A WebSocket client (RFC 6455) of liqheat's own, over Pekko Streams TCP ({@code ws://}) or TLS
 * ({@code wss://}): texts in, the server's text messages out as {@link RawMessages}, one element per
 * TCP read. The materialized value completes when the server accepted the upgrade.
 *
 * <p><b>Why not Pekko HTTP's WebSocket client.</b> The connectors are built on the Pekko HTTP client,
 * and their REST calls still are. Its WebSocket client, though, assembles every incoming message
 * through a substream of its own and decodes text frames into Strings: measured on this 2-core
 * machine (loadtest/results/ingest-2026-11-24.txt; the JFR profile in
 * loadtest/results/ingest-2026-12-05-own-websocket.txt), ingest stalled at about 40,000 messages/s
 * (38,644 Binance trades/s in the profiled run), with substream materialization, the scheduler timers
 * each substream arms and UTF-8 decoding on top of the profile and the JSON parser at 7 % of it, while
 * the parser alone reads 1.4 M of the same messages per second on one thread. Its API has no hook to
 * receive frames as bytes. Here a message costs a slice of the read's byte array, and the parsers read
 * those bytes directly: the same run went to 330,000 messages/s, and to 1.7 M trades/s with Bybit's
 * 20 trades per message (Binance to 1.79 M messages/s once its parser read aggTrade without Jackson,
 * loadtest/results/ingest-2026-12-05-parse.txt).
 *
 * <p>What it does and does not do: the HTTP/1.1 upgrade with a random key and a verified accept;
 * frames of every length form, fragmented messages reassembled up to {@code maxMessageBytes};
 * pings answered at once; a clean close handshake; masked client frames. No extensions
 * (permessage-deflate is not offered), no subprotocols, no proxies, no redirects.
 */
public final class WebSocketClient {

  private WebSocketClient() {}

  /** A connection that trusts what the JVM's default TLS context trusts. */
  public static Flow<String, RawMessages, CompletionStage<Done>> flow(
      ActorSystem<?> system, URI url, WebSocketClientSettings settings) {
    try {
      return flow(system, url, settings, SSLContext.getDefault());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /** @param tls the context whose trust store checks a {@code wss://} server's certificate */
  public static Flow<String, RawMessages, CompletionStage<Done>> flow(
      ActorSystem<?> system, URI url, WebSocketClientSettings settings, SSLContext tls) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException("not a WebSocket URL (ws:// or wss://): " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("a WebSocket URL needs a host: " + url);
    }
    boolean secure = scheme.equals("wss");
    int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
    // Resolved by Pekko's DNS when the connection opens, not here on the caller's thread.
    InetSocketAddress address = InetSocketAddress.createUnresolved(url.getHost(), port);
    Flow<ByteString, ByteString, ?> transport = secure
        ? Tcp.get(system).outgoingConnectionWithTls(address, () -> sslEngine(tls, url.getHost(), port), Optional.empty(), List.of(),
            Optional.of(settings.connectTimeout()), Optional.empty(), session -> Optional.empty(), TLSClosing.eagerClose())
        : Tcp.get(system).outgoingConnection(address, Optional.empty(), List.of(), true,
            Optional.of(settings.connectTimeout()), Optional.empty());
    return BidiFlow.fromGraph(new ClientProtocolStage(url, settings)).join(transport);
  }

  /**
   * A client engine that checks the certificate against the host name (HTTPS endpoint
   * identification) and names the host in SNI, without which CDN-fronted endpoints answer with the
   * wrong certificate.
   */
  static SSLEngine sslEngine(SSLContext tls, String host, int port) {
    SSLEngine engine = tls.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!host.isEmpty() && !Character.isDigit(host.charAt(host.length() - 1)) && !host.startsWith("[")) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    engine.setSSLParameters(parameters);
    return engine;
  }
}
