package io.liqheat.loadtest;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.Accept;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The SSE subscribers: each one its own TCP connection (as browsers behind one address would be),
 * reading its stream until {@link #closeAll()}. Latency is recorded from a {@code bands} event's
 * {@code publishedAt} to the moment the event is parsed here, only while {@link #measuring}, in
 * milliseconds (publishedAt's resolution).
 */
final class Subscribers {

  /** Far above any bands event (a few kB), so only a broken stream hits it. */
  private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

  private final ActorSystem system;
  private final Materializer materializer;
  private final URI server;
  private final SharedKillSwitch closer = KillSwitches.shared("subscribers");

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger openAssets = new AtomicInteger();
  private final AtomicInteger endedEarly = new AtomicInteger();
  private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final LongAdder snapshots = new LongAdder();
  private final LongAdder bands = new LongAdder();
  private final LongAdder frozen = new LongAdder();
  private final Recorder marketLatency = new Recorder(3);
  private final Recorder assetLatency = new Recorder(3);
  private volatile boolean measuring;
  private volatile boolean closing;

  Subscribers(ActorSystem system, URI server) {
    this.system = system;
    this.materializer = Materializer.matFromSystem(system);
    this.server = server;
  }

  /** Opens one stream; the returned stage completes when it has been answered (or refused). */
  CompletionStage<Void> open(String pathAndQuery, boolean asset) {
    HttpRequest request = HttpRequest.GET(server.resolve(pathAndQuery).toString())
        .addHeader(Accept.create(MediaTypes.TEXT_EVENT_STREAM.toRange()));
    CompletableFuture<Void> answered = new CompletableFuture<>();
    Recorder latency = asset ? assetLatency : marketLatency;
    Source.single(request)
        .via(Http.get(system).connectionTo(server.getHost()).toPort(server.getPort()).http())
        .mapAsync(1, response -> events(response, asset, answered))
        .flatMapConcat(events -> events)
        .via(closer.flow())
        .runForeach(event -> received(event, latency), materializer)
        .whenComplete((done, failure) -> {
          if (!answered.isDone()) {
            refused(failure == null ? "closed before answering" : failure.getClass().getSimpleName() + ": " + failure.getMessage());
          } else if (!closing) {
            endedEarly.incrementAndGet();
          }
          answered.complete(null);
        });
    return answered;
  }

  private CompletionStage<Source<ByteString, NotUsed>> events(HttpResponse response, boolean asset,
      CompletableFuture<Void> answered) {
    if (response.status().intValue() != 200) {
      return response.entity().toStrict(10_000, materializer).thenApply(body -> {
        String text = body.getData().utf8String();
        refused(response.status().intValue() + " " + text.substring(0, Math.min(120, text.length())));
        answered.complete(null);
        return Source.<ByteString>empty();
      });
    }
    open.incrementAndGet();
    if (asset) {
      openAssets.incrementAndGet();
    }
    answered.complete(null);
    return CompletableFuture.completedFuture(response.entity().getDataBytes()
        .via(SseEventSplitter.events(MAX_EVENT_BYTES))
        .mapMaterializedValue(ignored -> NotUsed.getInstance()));
  }

  private void refused(String reason) {
    refusals.computeIfAbsent(reason, key -> new AtomicInteger()).incrementAndGet();
  }

  private void received(ByteString event, Recorder latency) {
    String type = SseFrame.type(event);
    switch (type) {
      case "bands" -> {
        if (measuring) {
          long now = System.currentTimeMillis();
          long published = PublishedAt.of(SseFrame.data(event));
          bands.increment();
          if (published > 0) {
            latency.recordValue(Math.max(0, now - published));
          }
        }
      }
      case "snapshot" -> snapshots.increment();
      case "frozen" -> frozen.increment();
      default -> { }
    }
  }

  /** Starts the measured window: clears the latency recorders and the event counts. */
  void startMeasuring() {
    marketLatency.reset();
    assetLatency.reset();
    bands.reset();
    frozen.reset();
    measuring = true;
  }

  /** Ends it, returning the market-stream and asset-stream latency histograms. */
  Histogram[] stopMeasuring() {
    measuring = false;
    return new Histogram[] {marketLatency.getIntervalHistogram(), assetLatency.getIntervalHistogram()};
  }

  void closeAll() {
    closing = true;
    closer.shutdown();
  }

  int open() {
    return open.get();
  }

  int openAssets() {
    return openAssets.get();
  }

  int refusedTotal() {
    return refusals.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  Map<String, Integer> refusals() {
    Map<String, Integer> copy = new TreeMap<>();
    refusals.forEach((reason, count) -> copy.put(reason, count.get()));
    return copy;
  }

  int endedEarly() {
    return endedEarly.get();
  }

  long snapshots() {
    return snapshots.sum();
  }

  long bandsEvents() {
    return bands.sum();
  }

  long frozenEvents() {
    return frozen.sum();
  }
}
