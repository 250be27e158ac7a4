package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.ConnectorRig;
import io.liqheat.market.Exchange;
import io.liqheat.market.LiveFrame;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One client's live event stream against a hub fed by hand, with the client's demand under the
 * test's control (a Reactive Streams subscriber that requests exactly what the test says).
 */
@ExtendWith(TestKitJUnit5Extension.class)
class LiveEventsTest {

  private static final MarketId BTC = new MarketId(Exchange.BINANCE, "BTCUSDT");
  private static final MarketId ETH = new MarketId(Exchange.BINANCE, "ETHUSDT");
  private static final Duration WAIT = Duration.ofSeconds(10);

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder().withName("LiveEventsTest").build();

  private final AtomicInteger stops = new AtomicInteger();
  private final List<Heartbeats> sweeps = new ArrayList<>();

  @AfterEach
  void stopSweeps() {
    sweeps.forEach(Heartbeats::close);
  }

  /**
   * Events as "type:detail|": the snapshot, frozen windows by start, bands by the newest frame's
   * asOf. The bar ends each event, since one element may carry several (a frozen notice goes out
   * with the next bands event).
   */
  private static LiveEvents.Content content(LiveHub hub, MarketId market) {
    return new LiveEvents.Content() {
      @Override
      public List<ByteString> opening() {
        return new ArrayList<>(List.of(ByteString.fromString("snapshot|")));
      }

      @Override
      public ByteString frozen(WindowClosed window) {
        return ByteString.fromString("frozen:" + window.windowStartMs() + "|");
      }

      @Override
      public ByteString bands() {
        return ByteString.fromString("bands:" + hub.latest(market).asOfMs() + "|");
      }
    };
  }

  private static LiveFrame frame(MarketId market, long asOfMs) {
    return new LiveFrame(market, "v1", asOfMs, 100.0, null, null, null, asOfMs);
  }

  private static WindowClosed window(MarketId market, long start) {
    return new WindowClosed(market, "v1", start, "checksum", 1.0, null, 100.0, null);
  }

  /** Receives events only as far as {@link #request} allowed. */
  private static final class Client implements Subscriber<ByteString> {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile Subscription subscription;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
    }

    final BlockingQueue<Integer> elementSizes = new LinkedBlockingQueue<>();

    /** Splits an element into its events; a heartbeat (which has no bar) is one event. */
    @Override
    public void onNext(ByteString element) {
      String text = element.decodeString(StandardCharsets.UTF_8);
      List<String> parts = text.contains("|") ? List.of(text.split("\\|")) : List.of(text);
      elementSizes.add(parts.size());
      events.addAll(parts);
    }

    @Override
    public void onError(Throwable t) {
      events.add("error:" + t);
    }

    @Override
    public void onComplete() {
      events.add("complete");
    }

    void request(long n) throws InterruptedException {
      while (subscription == null) {
        Thread.sleep(10);
      }
      subscription.request(n);
    }

    String next() throws InterruptedException {
      String event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an event within " + WAIT).isNotNull();
      return event;
    }

    void cancel() {
      subscription.cancel();
    }
  }

  private Client connect(LiveHub hub, MarketId market, Duration heartbeat) {
    return connect(hub, List.of(market), heartbeat);
  }

  /** A client of {@code markets}, whose bands events tell the first market's newest frame. */
  private Client connect(LiveHub hub, List<MarketId> markets, Duration heartbeat) {
    Client client = new Client();
    Heartbeats heartbeats = Heartbeats.start(testKit.system(), heartbeat);
    sweeps.add(heartbeats);
    Source.fromGraph(new LiveEvents(hub, markets, content(hub, markets.get(0)), heartbeats, PublishToSend.IGNORED,
            stops::incrementAndGet))
        .runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), Materializer.matFromSystem(testKit.system()))
        .subscribe(client);
    return client;
  }

  /** A client of BTC, given one frame first, that has read its snapshot and is subscribed. */
  private Client subscribedAfterSnapshot(LiveHub hub) throws InterruptedException {
    hub.accept(frame(BTC, 1));
    Client client = connect(hub, BTC, Duration.ofMinutes(10));
    client.request(10);
    assertThat(client.next()).isEqualTo("snapshot");
    awaitSubscribed(hub, BTC, 1);
    return client;
  }

  private static void awaitSubscribed(LiveHub hub, MarketId market, int count) {
    ConnectorRig.eventually(WAIT, () -> hub.subscribers(market), subscribers -> subscribers == count);
  }

  @Test
  void aClientThatDoesNotReadIsConflatedToTheNewestFrameAndTheNewestFrozenWindows() throws Exception {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC));
    hub.accept(frame(BTC, 1));
    Client slow = connect(hub, BTC, Duration.ofMinutes(10));
    slow.request(1);
    assertThat(slow.next()).isEqualTo("snapshot");
    awaitSubscribed(hub, BTC, 1);

    int windows = PendingUpdates.MAX_FROZEN + 8;
    for (int i = 1; i <= windows; i++) {
      hub.accept(window(BTC, i * 300_000L));
    }
    for (int i = 2; i <= 50; i++) {
      hub.accept(frame(BTC, i));
    }
    // Now the client reads again; a marker frame after what it takes shows where its backlog ended.
    slow.request(1_000);
    List<String> received = new ArrayList<>();
    String event;
    while (!(event = slow.next()).startsWith("bands:")) {
      received.add(event);
    }
    assertThat(event).isEqualTo("bands:50");
    hub.accept(frame(BTC, 51));
    assertThat(slow.next()).isEqualTo("bands:51");

    // At most the kept frozen notices (plus one the stream may have taken before the client
    // stopped asking), in order, ending with the newest; everything older was dropped.
    List<Long> starts = received.stream().map(frozen -> Long.parseLong(frozen.substring("frozen:".length()))).toList();
    assertThat(starts).hasSizeBetween(PendingUpdates.MAX_FROZEN, PendingUpdates.MAX_FROZEN + 1).isSorted();
    List<Long> newest = new ArrayList<>();
    for (int i = windows - PendingUpdates.MAX_FROZEN + 1; i <= windows; i++) {
      newest.add(i * 300_000L);
    }
    assertThat(starts).containsSubsequence(newest);
    slow.cancel();
  }

  @Test
  void aClientThatDoesNotReadHoldsNoOtherClientBack() throws Exception {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC));
    hub.accept(frame(BTC, 1));
    Client stalled = connect(hub, BTC, Duration.ofMinutes(10));
    Client reading = connect(hub, BTC, Duration.ofMinutes(10));
    stalled.request(1);
    reading.request(1_000);
    assertThat(stalled.next()).isEqualTo("snapshot");
    assertThat(reading.next()).isEqualTo("snapshot");
    awaitSubscribed(hub, BTC, 2);
    for (int i = 2; i <= 20; i++) {
      hub.accept(frame(BTC, i));
      // The reading client gets every frame it waits for, while the other takes nothing.
      assertThat(reading.next()).isEqualTo("bands:" + i);
    }
    stalled.cancel();
    reading.cancel();
  }

  @Test
  void aStreamSubscribesToEachOfItsMarketsAndLetsGoWhenItStops() throws Exception {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC, ETH));
    hub.accept(frame(BTC, 1));
    Client client = connect(hub, List.of(BTC, ETH), Duration.ofMinutes(10));
    client.request(10);
    assertThat(client.next()).isEqualTo("snapshot");
    awaitSubscribed(hub, BTC, 1);
    awaitSubscribed(hub, ETH, 1);
    hub.accept(window(ETH, 300_000L));
    assertThat(client.next()).isEqualTo("frozen:300000");

    client.cancel();
    awaitSubscribed(hub, BTC, 0);
    awaitSubscribed(hub, ETH, 0);
    ConnectorRig.eventually(WAIT, stops::get, count -> count > 0);
    assertThat(stops).hasValue(1);
  }

  @Test
  void aFrozenNoticeGoesOutWithTheNextBandsEventInOneElement() throws Exception {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC));
    Client client = subscribedAfterSnapshot(hub);
    client.elementSizes.clear();

    hub.accept(window(BTC, 300_000L));
    hub.accept(frame(BTC, 2));
    assertThat(client.next()).isEqualTo("frozen:300000");
    assertThat(client.next()).isEqualTo("bands:2");
    assertThat(client.elementSizes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(2);
    client.cancel();
  }

  @Test
  void aFrozenNoticeWithNoBandsEventAfterItGoesOutAloneAfterItsHold() throws Exception {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC));
    Client client = subscribedAfterSnapshot(hub);

    hub.accept(window(BTC, 300_000L));
    hub.accept(window(BTC, 600_000L));
    assertThat(client.next()).isEqualTo("frozen:300000");
    assertThat(client.next()).isEqualTo("frozen:600000");
    // The hold starts again for the next notice, and a bands event still comes on its own.
    hub.accept(frame(BTC, 2));
    assertThat(client.next()).isEqualTo("bands:2");
    hub.accept(window(BTC, 900_000L));
    assertThat(client.next()).isEqualTo("frozen:900000");
    client.cancel();
  }

  @Test
  void aQuietStreamSendsHeartbeats() throws Exception {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC));
    hub.accept(frame(BTC, 1));
    Client client = connect(hub, BTC, Duration.ofMillis(200));
    client.request(3);
    assertThat(client.next()).isEqualTo("snapshot");
    assertThat(client.next()).isEqualTo(SseEncoding.HEARTBEAT.decodeString(StandardCharsets.UTF_8));
    assertThat(client.next()).isEqualTo(SseEncoding.HEARTBEAT.decodeString(StandardCharsets.UTF_8));
    client.cancel();
  }
}
