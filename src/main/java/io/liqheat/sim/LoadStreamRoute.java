package io.liqheat.sim;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The ingest load test's WebSocket: on the exchange's stream path, every connection gets the
 * pre-rendered frames in an endless loop, as fast as the client reads them (TCP backpressure sets the
 * pace, so the rate measured is the client's). What the client sends (subscriptions, pings) is read
 * and ignored. Counts what it sent, for the simulator's own rate.
 */
public final class LoadStreamRoute extends AllDirectives {

  private final List<Message> frames;
  private final int[] tradesPerFrame;
  private final LongAdder framesSent = new LongAdder();
  private final LongAdder tradesSent = new LongAdder();

  public LoadStreamRoute(List<LoadFrames.Frame> rendered) {
    this.frames = rendered.stream().map(frame -> (Message) TextMessage.create(frame.text())).toList();
    this.tradesPerFrame = rendered.stream().mapToInt(LoadFrames.Frame::trades).toArray();
  }

  /** Serves the loop on {@code /first/rest...}, e.g. "stream", "v5", "ws". */
  public Route route(String firstSegment) {
    return pathPrefix(firstSegment, () -> extractUnmatchedPath(rest -> handleWebSocketMessages(flow())));
  }

  public long framesSent() {
    return framesSent.sum();
  }

  public long tradesSent() {
    return tradesSent.sum();
  }

  private Flow<Message, Message, ?> flow() {
    Source<Message, ?> loop = Source.cycle(() -> new java.util.Iterator<Message>() {
      int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Message next() {
        int index = next;
        next = (next + 1) % frames.size();
        framesSent.increment();
        tradesSent.add(tradesPerFrame[index]);
        return frames.get(index);
      }
    });
    // Clients send only small strict frames (subscriptions, pings), which need no draining.
    return Flow.fromSinkAndSourceCoupled(Sink.<Message>ignore(), loop);
  }
}
