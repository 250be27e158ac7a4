package io.liqheat.loadtest;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Holds many SSE subscribers on one liqheat node and measures, over a fixed window once every stream
 * is open: publish-to-receipt latency of {@code bands} events (p50/p90/p99/max, HdrHistogram), events
 * received per second, the server's CPU and garbage collections, the server's heap per subscriber
 * (heap after a full GC with every stream open, minus the same before any was opened, divided by the
 * open streams), and how the machine's cores were shared out over the window.
 *
 * <p>Client and server share this machine and its wall clock, so {@code publishedAt} (the entity's
 * clock) and the receipt time here are comparable. The figure includes the client's own queueing:
 * on a shared machine it is an upper bound on what the server adds. The client is therefore one
 * thread on one selector ({@link Subscribers}, which says why), and it still checks every event it
 * reads ({@link Subscriber}) and reports each problem it found.
 */
public final class SseLoadTest {

  /** Seconds per line of the latency timeline, which shows whether the latency comes in bursts. */
  private static final int TIMELINE_STEP = 5;

  private SseLoadTest() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    say("start " + Instant.now() + ": " + options);
    List<Market> markets = MarketList.fetch(options.server());
    StreamPlan plan = new StreamPlan(markets, options.assetShare());
    say("markets: " + markets.stream().map(Market::id).toList());
    ServerProcess server = options.serverPid() > 0 ? new ServerProcess(options.serverPid()) : null;
    long heapBefore = server == null ? 0 : server.heapAfterGc();
    if (server != null) {
      say(String.format(Locale.ROOT, "server heap after full GC with 0 subscribers: %.1f MiB", heapBefore / 1048576.0));
    }

    StreamTally tally = new StreamTally();
    try (Subscribers subscribers = new Subscribers(options.server(), plan, tally)) {
      measure(options, server, heapBefore, tally, subscribers);
    }
  }

  private static void measure(LoadOptions options, ServerProcess server, long heapBefore, StreamTally tally,
      Subscribers subscribers) throws Exception {
    long rampStart = System.nanoTime();
    subscribers.open(options.subscribers(), options.connectPerSecond());
    if (!subscribers.awaitAnswered(options.rampTimeoutSeconds())) {
      // A starved server accepts slowly; measure what is open rather than nothing.
      say("ramp: not every stream answered within " + options.rampTimeoutSeconds() + " s; measuring those open");
    }
    double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
    say(String.format(Locale.ROOT, "ramp: %d streams open (%d asset) after %.1f s; refused %d %s; ended early %d %s",
        tally.open.get(), tally.openAssets.get(), rampSeconds, tally.refusedTotal(), tally.refusals(),
        tally.endedTotal(), tally.endings()));
    TimeUnit.SECONDS.sleep(options.warmupSeconds());

    MachineCpu machine0 = MachineCpu.now();
    double serverCpu0 = server == null ? 0 : server.cpuSeconds();
    ServerProcess.Gc serverGc0 = server == null ? null : server.gc();
    long clientCpu0 = clientCpuNanos();
    long[] clientGc0 = clientGc();
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    tally.startMeasuring();
    Histogram[] latency = {new Histogram(3), new Histogram(3)};
    List<String> timeline = new ArrayList<>();
    int steps = (options.measureSeconds() + TIMELINE_STEP - 1) / TIMELINE_STEP;
    for (int step = 1; step <= steps; step++) {
      int end = Math.min(step * TIMELINE_STEP, options.measureSeconds());
      TimeUnit.NANOSECONDS.sleep(t0 + TimeUnit.SECONDS.toNanos(end) - System.nanoTime());
      if (step == steps) {
        tally.stopMeasuring();
      }
      Histogram[] interval = tally.interval();
      latency[0].add(interval[0]);
      latency[1].add(interval[1]);
      interval[0].add(interval[1]);
      String clock = Instant.now().toString().substring(11, 19);
      timeline.add(latencyLine(String.format(Locale.ROOT, "  %s, %3d s", clock, end), interval[0]));
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long bands = tally.bands.sum();
    long frozen = tally.frozen.sum();
    long heartbeats = tally.heartbeats.sum();
    long bytes = tally.bytes.sum();
    double serverCpu = server == null ? Double.NaN : server.cpuSeconds() - serverCpu0;
    ServerProcess.Gc serverGc = server == null ? null : server.gc();
    double clientCpu = (clientCpuNanos() - clientCpu0) / 1e9;
    long[] clientGc = clientGc();
    MachineCpu machine = MachineCpu.now();
    String loadAfter = loadAverage();
    int holding = tally.open.get() - tally.endedTotal();
    long heapWith = server == null ? 0 : server.heapAfterGc();
    int holdingAtHeap = tally.open.get() - tally.endedTotal();

    Histogram all = latency[0].copy();
    all.add(latency[1]);
    int cores = Runtime.getRuntime().availableProcessors();
    say("---- results ----");
    say(String.format(Locale.ROOT, "subscribers: requested %d, holding %d (%d on asset streams), refused %d %s, ended early %d %s",
        options.subscribers(), holding, tally.openAssets.get(), tally.refusedTotal(), tally.refusals(),
        tally.endedTotal(), tally.endings()));
    say(String.format(Locale.ROOT, "measured %.1f s: %,d bands events received = %,.0f events/s (%.2f per subscriber per s);"
            + " %,d frozen events; %,d heartbeats; %,d snapshots in all; %.1f MB/s of event-stream bytes",
        elapsed, bands, bands / elapsed, bands / elapsed / Math.max(1, holding), frozen, heartbeats,
        tally.snapshots.sum(), bytes / elapsed / 1e6));
    say(latencyLine("latency publish->receipt, all streams   ", all));
    say(latencyLine("latency publish->receipt, market streams", latency[0]));
    say(latencyLine("latency publish->receipt, asset streams ", latency[1]));
    say("latency over the window, every " + TIMELINE_STEP + " s (wall clock UTC at the end of each step):");
    timeline.forEach(SseLoadTest::say);
    say("p99 target <= 100 ms: " + (all.getTotalCount() > 0 && all.getValueAtPercentile(99) <= 100 ? "MET" : "MISSED"));
    say(String.format(Locale.ROOT, "checks: %,d problems in what the server sent %s; %,d events fully parsed as JSON (1 in %d)",
        tally.problemsTotal(), tally.problems(), tally.jsonChecked.sum(), Subscriber.JSON_SAMPLE));
    if (server != null) {
      say(String.format(Locale.ROOT, "server CPU: %.1f s over %.1f s = %.0f %% of one core (%.0f %% of %d cores), %.1f us per bands event",
          serverCpu, elapsed, 100 * serverCpu / elapsed, 100 * serverCpu / elapsed / cores, cores, 1e6 * serverCpu / Math.max(1, bands)));
      say("server GC over the window: " + serverGc.since(serverGc0, elapsed));
      say(String.format(Locale.ROOT, "server heap after full GC: %.1f MiB with 0 subscribers, %.1f MiB with %d"
              + " -> %,.0f bytes (%.1f KiB) per subscriber",
          heapBefore / 1048576.0, heapWith / 1048576.0, holdingAtHeap,
          (heapWith - heapBefore) / (double) Math.max(1, holdingAtHeap), (heapWith - heapBefore) / 1024.0 / Math.max(1, holdingAtHeap)));
    }
    say(String.format(Locale.ROOT, "client CPU (this JVM, same machine): %.0f %% of one core, %.1f us per bands event;"
            + " %d GCs, %d ms",
        100 * clientCpu / elapsed, 1e6 * clientCpu / Math.max(1, bands), clientGc[0] - clientGc0[0], clientGc[1] - clientGc0[1]));
    long self = ProcessHandle.current().pid();
    Map<Long, String> roles = server == null
        ? Map.of(self, "client: this load test")
        : Map.of(self, "client: this load test", server.pid(), "server: the liqheat JVM under test");
    machine.since(machine0, elapsed, roles).forEach(SseLoadTest::say);
    say("machine load average (1/5/15 min, all processes) at start and end of the window: " + loadBefore + " / " + loadAfter);
  }

  private static String latencyLine(String label, Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      return label + ": no events";
    }
    return String.format(Locale.ROOT, "%s: p50 %d ms, p90 %d ms, p99 %d ms, p99.9 %d ms, max %d ms (%,d events)", label,
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
        histogram.getValueAtPercentile(99.9), histogram.getMaxValue(), histogram.getTotalCount());
  }

  /** /proc/loadavg's first three fields: other work on a shared machine shows up in the latency. */
  private static String loadAverage() {
    try {
      String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** This JVM's collections so far and their milliseconds. */
  private static long[] clientGc() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
