package io.liqheat.ingest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One WebSocket connection as a source of text frames. It ends (with a failure) when the server
 * closes or refuses, when nothing arrives for {@code stale-after}, and (normally) at
 * {@code max-connection-age}; the connector restarts it with backoff. Restarting lives in the
 * connector, so that a backfill can run between two connections.
 */
public final class WebSocketFeed {

  private WebSocketFeed() {}

  public static Source<String, NotUsed> connect(
      ActorSystem<?> system, WebSocketSpec spec, ConnectorSettings settings, ConnectorMonitor monitor) {
    Materializer materializer = Materializer.matFromSystem(system);
    Source<Message, NotUsed> outgoing = Source.from(spec.onConnect()).map(text -> (Message) TextMessage.create(text));
    Source<Message, ?> keepOpen = spec.pingText() == null
        ? Source.maybe()
        : Source.tick(spec.pingInterval(), spec.pingInterval(), (Message) TextMessage.create(spec.pingText()));
    return outgoing.concat(keepOpen)
        .viaMat(KillSwitches.single(), Keep.right())
        .viaMat(Http.get(system).webSocketClientFlow(WebSocketRequest.create(spec.url())), Keep.both())
        .mapMaterializedValue(switchAndUpgrade -> {
          switchAndUpgrade.second().thenAccept(response -> {
            if (response.response().status().equals(StatusCodes.SWITCHING_PROTOCOLS)) {
              monitor.state(ConnectorState.CONNECTED);
            } else {
              monitor.failure("WebSocket upgrade refused: " + response.response().status());
            }
          });
          return switchAndUpgrade.first();
        })
        .mapAsync(1, message -> text(message, materializer, settings.staleAfter()))
        .filter(text -> !text.isEmpty())
        .idleTimeout(settings.staleAfter())
        .takeWithin(settings.maxConnectionAge())
        .map(text -> {
          monitor.messageReceived();
          return text;
        })
        .watchTermination((outgoingSwitch, done) -> {
          done.whenComplete((ok, failure) -> {
            // The outgoing side (pings, or a never-ending source) would keep a cut or stale connection
            // open, still receiving, next to its replacement; ending it closes the connection.
            outgoingSwitch.shutdown();
            if (failure instanceof TimeoutException) {
              monitor.stale();
            } else if (failure != null) {
              monitor.failure("WebSocket " + spec.url() + ": " + failure.getMessage());
            }
          });
          return NotUsed.getInstance();
        });
  }

  /** Small frames arrive strict; a streamed one is collected. Binary frames carry no exchange data here. */
  private static CompletionStage<String> text(Message message, Materializer materializer, Duration timeout) {
    if (!message.isText()) {
      message.asBinaryMessage().getStreamedData().runWith(org.apache.pekko.stream.javadsl.Sink.ignore(), materializer);
      return CompletableFuture.completedFuture("");
    }
    TextMessage text = message.asTextMessage();
    if (text.isStrict()) {
      return CompletableFuture.completedFuture(text.getStrictText());
    }
    return text.toStrict(timeout.toMillis(), materializer).thenApply(TextMessage::getStrictText);
  }
}
