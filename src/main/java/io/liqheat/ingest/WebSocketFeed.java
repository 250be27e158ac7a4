package io.liqheat.ingest;

import io.liqheat.ingest.websocket.WebSocketClient;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One WebSocket connection as a source of raw messages, one element per TCP read. It ends (with a
 * failure) when the server closes or refuses, when nothing arrives for {@code stale-after}, and
 * (normally) at {@code max-connection-age}, with a clean close handshake where the connection still
 * allows one; the connector restarts it with backoff. Restarting lives in the connector, so that a
 * backfill can run between two connections. The transport is liqheat's own {@link WebSocketClient}
 * (its comment says why it is not Pekko HTTP's).
 */
public final class WebSocketFeed {

  private WebSocketFeed() {}

  public static Source<RawMessages, NotUsed> connect(
      ActorSystem<?> system, WebSocketSpec spec, ConnectorSettings settings, ConnectorMonitor monitor) {
    Source<String, NotUsed> subscriptions = Source.from(spec.onConnect());
    Source<String, NotUsed> outgoing = spec.pingText() == null
        ? subscriptions
        : subscriptions.concat(Source.tick(spec.pingInterval(), spec.pingInterval(), spec.pingText())
            .mapMaterializedValue(cancellable -> NotUsed.getInstance()));
    return outgoing
        .viaMat(WebSocketClient.flow(system, URI.create(spec.url()), settings.webSocket()), Keep.right())
        .mapMaterializedValue(upgraded -> {
          upgraded.thenRun(() -> monitor.state(ConnectorState.CONNECTED));
          return NotUsed.getInstance();
        })
        .idleTimeout(settings.staleAfter())
        .takeWithin(settings.maxConnectionAge())
        .map(messages -> {
          monitor.messagesReceived(messages.size());
          return messages;
        })
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, failure) -> {
            if (failure instanceof TimeoutException) {
              monitor.stale();
            } else if (failure != null) {
              monitor.failure("WebSocket " + spec.url() + ": " + failure.getMessage());
            }
          });
          return NotUsed.getInstance();
        });
  }
}
