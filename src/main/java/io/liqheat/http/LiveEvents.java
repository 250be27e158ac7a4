package io.liqheat.http;

import io.liqheat.market.LiveUpdate;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * One SSE client's events as a single stage: what it missed (frozen windows after its Last-Event-ID)
 * and the snapshot first, then on every update of its markets the frozen notices and the newest
 * {@code bands} event, conflated while the client does not keep up ({@link PendingUpdates}: the
 * newest frame and at most 32 frozen notices), and a heartbeat when {@link Heartbeats} finds the
 * stream quiet.
 *
 * <p>Why one stage instead of Pekko's operators: with a {@code BroadcastHub} per market, then
 * {@code flatMapMerge}, {@code conflateWithSeed}, {@code mapConcat} and {@code keepAlive} per client,
 * every update cost each client a wakeup from the hub and a {@code NeedWakeup} message back to it
 * (which the hub serves by a linear search of the consumers waiting at that offset: all of them),
 * plus five stages. Here the hub hands each update to each client's stage by one asynchronous
 * callback, and that is the only message per client and update before the socket write. Measured at
 * 10,000 subscribers in {@code loadtest/results/} (see README, "Measured speed").
 *
 * <p>A slow client never holds anyone up: the hub's call only enqueues the update for the client's
 * own stream, which conflates it; what the client is sent is rendered when it can take it.
 *
 * <p>A {@code frozen} notice waits for the client's next {@code bands} event and goes out with it in
 * one write, or alone after a hold of 0.5–1.5 s (drawn per stream). Every market's window freezes
 * within the same ~100 ms, so sent at once the notices were a write per viewer on top of the
 * ordinary updates, 11,500 at 10,000 viewers, and the bands events behind them waited: p99 390–621 ms
 * in the five seconds after a boundary against 47–187 ms otherwise (loadtest/results,
 * sse-2026-12-05-spread-polls-330s*). A notice is about a window that is already history; a second
 * later changes nothing on the chart.
 */
final class LiveEvents extends GraphStage<SourceShape<ByteString>> {

  /** What a client is sent, rendered by the routes when the stream asks for it. */
  interface Content {
    /** The events a client gets before any update: missed frozen windows, then the snapshot. */
    List<ByteString> opening();

    ByteString frozen(WindowClosed window);

    /** The client's view as of now, as a {@code bands} event. */
    ByteString bands();
  }

  private static final String FROZEN_HOLD_TIMER = "frozen-hold";
  private static final long FROZEN_HOLD_MIN_MS = 500;
  private static final long FROZEN_HOLD_SPREAD_MS = 1_000;

  private final Outlet<ByteString> out = Outlet.create("LiveEvents.out");
  private final SourceShape<ByteString> shape = SourceShape.of(out);
  private final LiveHub hub;
  private final List<MarketId> markets;
  private final Content content;
  private final Heartbeats heartbeats;
  private final PublishToSend publishToSend;
  private final Runnable onStop;

  /**
   * @param onStop run once when the stream stops, however it stops (the client went away, the
   *     server shuts down)
   */
  LiveEvents(LiveHub hub, List<MarketId> markets, Content content, Heartbeats heartbeats, PublishToSend publishToSend,
      Runnable onStop) {
    this.hub = hub;
    this.markets = List.copyOf(markets);
    this.content = content;
    this.heartbeats = heartbeats;
    this.publishToSend = publishToSend;
    this.onStop = onStop;
  }

  @Override
  public SourceShape<ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new TimerGraphStageLogic(shape) {
      private final PendingUpdates pending = new PendingUpdates();
      private final Duration frozenHold =
          Duration.ofMillis(FROZEN_HOLD_MIN_MS + ThreadLocalRandom.current().nextLong(FROZEN_HOLD_SPREAD_MS));
      private boolean frozenHoldOver;
      private Deque<ByteString> opening;
      private LiveHub.Subscription subscription;
      private Heartbeats.Stream heartbeatStream;
      // Written here on every push, read by the heartbeat sweep on another thread.
      private volatile long lastPushNanos = System.nanoTime();

      {
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pushNext();
          }
        });
      }

      @Override
      public void preStart() {
        AsyncCallback<LiveUpdate> updates = createAsyncCallback(this::onUpdate);
        subscription = hub.subscribe(markets, updates::invoke);
        AsyncCallback<Boolean> quiet = createAsyncCallback(ignored -> onQuiet());
        heartbeatStream = new Heartbeats.Stream() {
          @Override
          public long lastWriteNanos() {
            return lastPushNanos;
          }

          @Override
          public void quiet() {
            quiet.invoke(true);
          }
        };
        heartbeats.add(heartbeatStream);
      }

      /** The sweep found the stream quiet; it may have written since, or be waiting for its client. */
      private void onQuiet() {
        if (isAvailable(out) && heartbeats.isQuiet(lastPushNanos, System.nanoTime())) {
          push(SseEncoding.HEARTBEAT);
        }
      }

      private void onUpdate(LiveUpdate update) {
        pending.add(update);
        if (update instanceof WindowClosed && !isTimerActive(FROZEN_HOLD_TIMER) && !frozenHoldOver) {
          scheduleOnce(FROZEN_HOLD_TIMER, frozenHold);
        }
        if (isAvailable(out)) {
          pushNext();
        }
      }

      /**
       * Pushes what is due, if anything: the opening events one by one; then the pending frozen
       * notices, once a bands event is due or their hold is over, in one element with that bands
       * event; else the bands event.
       */
      private void pushNext() {
        if (opening == null) {
          opening = new ArrayDeque<>(content.opening());
        }
        if (!opening.isEmpty()) {
          push(opening.pollFirst());
          return;
        }
        boolean frozenDue = pending.hasFrozen() && (frozenHoldOver || pending.hasFrameChanged());
        if (!frozenDue && !pending.hasFrameChanged()) {
          return;
        }
        ByteString events = ByteString.emptyByteString();
        if (frozenDue) {
          for (WindowClosed window = pending.takeFrozen(); window != null; window = pending.takeFrozen()) {
            events = events.concat(content.frozen(window));
          }
          frozenHoldOver = false;
          cancelTimer(FROZEN_HOLD_TIMER);
        }
        if (pending.takeFrameChanged()) {
          events = events.concat(content.bands());
          publishToSend.sent(pending.newestPublishedMs());
        }
        // Frozen notices left pending (a bands event went alone) keep the hold they started on arrival.
        push(events);
      }

      private void push(ByteString event) {
        lastPushNanos = System.nanoTime();
        push(out, event);
      }

      @Override
      public void onTimer(Object timerKey) {
        frozenHoldOver = true;
        if (isAvailable(out)) {
          pushNext();
        }
      }

      @Override
      public void postStop() {
        if (subscription != null) {
          subscription.cancel();
        }
        if (heartbeatStream != null) {
          heartbeats.remove(heartbeatStream);
        }
        onStop.run();
      }
    };
  }
}
