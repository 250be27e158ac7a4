package io.liqheat.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the subscribers saw, counted by the event loop and read by the main thread: streams opened,
 * refused and ended, events by type, latency while measuring, and every problem found in what the
 * server sent, by kind. A problem is not an exception: the stream goes on and the count is reported.
 */
final class StreamTally {

  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger openAssets = new AtomicInteger();
  final AtomicInteger answered = new AtomicInteger();
  final LongAdder snapshots = new LongAdder();
  final LongAdder bands = new LongAdder();
  final LongAdder frozen = new LongAdder();
  final LongAdder heartbeats = new LongAdder();
  final LongAdder jsonChecked = new LongAdder();
  final LongAdder bytes = new LongAdder();
  /** Events of every stream so far, for sampling; touched by the event loop only. */
  long eventsSeen;

  private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> ended = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
  private final Recorder marketLatency = new Recorder(3);
  private final Recorder assetLatency = new Recorder(3);
  private volatile boolean measuring;
  private volatile boolean closing;

  boolean measuring() {
    return measuring;
  }

  boolean closing() {
    return closing;
  }

  void latency(boolean asset, long millis) {
    (asset ? assetLatency : marketLatency).recordValue(millis);
  }

  /** Starts the measured window: clears the latency recorders and the event counts. */
  void startMeasuring() {
    marketLatency.reset();
    assetLatency.reset();
    bands.reset();
    frozen.reset();
    heartbeats.reset();
    bytes.reset();
    measuring = true;
  }

  /** The market-stream and asset-stream latencies recorded since the start or the last call. */
  Histogram[] interval() {
    return new Histogram[] {marketLatency.getIntervalHistogram(), assetLatency.getIntervalHistogram()};
  }

  /** Ends it; what was recorded since the last {@link #interval()} is in the next one. */
  void stopMeasuring() {
    measuring = false;
  }

  /** From now on a stream that ends was closed by us, not by the server. */
  void markClosing() {
    closing = true;
  }

  void refused(String reason) {
    refusals.computeIfAbsent(reason, key -> new AtomicInteger()).incrementAndGet();
  }

  void ended(String reason) {
    ended.computeIfAbsent(reason, key -> new AtomicInteger()).incrementAndGet();
  }

  void problem(String kind) {
    problems.computeIfAbsent(kind, key -> new LongAdder()).increment();
  }

  int refusedTotal() {
    return refusals.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int endedTotal() {
    return ended.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  long problemsTotal() {
    return problems.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Integer> refusals() {
    return sorted(refusals);
  }

  Map<String, Integer> endings() {
    return sorted(ended);
  }

  Map<String, Long> problems() {
    Map<String, Long> copy = new TreeMap<>();
    problems.forEach((kind, count) -> copy.put(kind, count.sum()));
    return copy;
  }

  private static Map<String, Integer> sorted(Map<String, AtomicInteger> counts) {
    Map<String, Integer> copy = new TreeMap<>();
    counts.forEach((reason, count) -> copy.put(reason, count.get()));
    return copy;
  }
}
