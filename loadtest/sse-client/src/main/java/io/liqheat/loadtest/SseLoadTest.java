package io.liqheat.loadtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Holds many SSE subscribers on one liqheat node and measures, over a fixed window once every stream
 * is open: publish-to-receipt latency of {@code bands} events (p50/p99/max, HdrHistogram), events
 * received per second, the server's CPU, and the server's heap per subscriber (heap after a full GC
 * with every stream open, minus the same before any was opened, divided by the open streams).
 *
 * <p>Client and server share this machine and its wall clock, so {@code publishedAt} (the entity's
 * clock) and the receipt time here are comparable. The figure includes the client's own queueing:
 * on a shared machine it is an upper bound on what the server adds.
 */
public final class SseLoadTest {

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
    Config config = ConfigFactory.parseString(
            // Band views exceed Pekko's 8 kB default event size.
            "pekko.http.sse.max-event-size = 0\n"
                + "pekko.http.sse.max-line-size = 0\n"
                // Opening thousands of sockets on a busy machine can take a while.
                + "pekko.http.client.connecting-timeout = 60s\n"
                + "pekko.loglevel = WARNING\n")
        .withFallback(ConfigFactory.load());
    ActorSystem system = ActorSystem.create("sse-load", config);
    try {
      run(options, system);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static void run(LoadOptions options, ActorSystem system) throws Exception {
    say("start " + Instant.now() + ": " + options);
    List<Market> markets = MarketList.fetch(system, options.server());
    StreamPlan plan = new StreamPlan(markets, options.assetShare());
    say("markets: " + markets.stream().map(Market::id).toList());
    ServerProcess server = options.serverPid() > 0 ? new ServerProcess(options.serverPid()) : null;
    long heapBefore = server == null ? 0 : server.heapAfterGc();
    if (server != null) {
      say(String.format(Locale.ROOT, "server heap after full GC with 0 subscribers: %.1f MiB", heapBefore / 1048576.0));
    }

    Subscribers subscribers = new Subscribers(system, options.server());
    long rampStart = System.nanoTime();
    var ramp = Source.range(0, options.subscribers() - 1)
        .throttle(options.connectPerSecond(), java.time.Duration.ofSeconds(1))
        .mapAsyncUnordered(Math.max(1, options.connectPerSecond()), i -> subscribers.open(plan.path(i), plan.isAsset(i)))
        .runWith(org.apache.pekko.stream.javadsl.Sink.ignore(), Materializer.matFromSystem(system));
    try {
      ramp.toCompletableFuture().get(options.rampTimeoutSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // A starved server accepts slowly; measure what is open rather than nothing.
      say("ramp: not every stream answered within " + options.rampTimeoutSeconds() + " s; measuring those open");
    }
    double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
    say(String.format(Locale.ROOT, "ramp: %d streams open (%d asset) after %.1f s; refused %d %s; ended early %d",
        subscribers.open(), subscribers.openAssets(), rampSeconds, subscribers.refusedTotal(), subscribers.refusals(),
        subscribers.endedEarly()));
    TimeUnit.SECONDS.sleep(options.warmupSeconds());

    double serverCpu0 = server == null ? 0 : server.cpuSeconds();
    long clientCpu0 = clientCpuNanos();
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    subscribers.startMeasuring();
    TimeUnit.SECONDS.sleep(options.measureSeconds());
    Histogram[] latency = subscribers.stopMeasuring();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double serverCpu = server == null ? Double.NaN : server.cpuSeconds() - serverCpu0;
    double clientCpu = (clientCpuNanos() - clientCpu0) / 1e9;
    String loadAfter = loadAverage();
    int holding = subscribers.open() - subscribers.endedEarly();
    long heapWith = server == null ? 0 : server.heapAfterGc();
    int holdingAtHeap = subscribers.open() - subscribers.endedEarly();

    Histogram all = latency[0].copy();
    all.add(latency[1]);
    int cores = Runtime.getRuntime().availableProcessors();
    say("---- results ----");
    say(String.format(Locale.ROOT, "subscribers: requested %d, holding %d (%d on asset streams), refused %d %s, ended early %d",
        options.subscribers(), holding, subscribers.openAssets(), subscribers.refusedTotal(), subscribers.refusals(),
        subscribers.endedEarly()));
    say(String.format(Locale.ROOT, "measured %.1f s: %,d bands events received = %,.0f events/s (%.2f per subscriber per s);"
            + " %,d frozen events; %,d snapshots in all",
        elapsed, subscribers.bandsEvents(), subscribers.bandsEvents() / elapsed,
        subscribers.bandsEvents() / elapsed / Math.max(1, holding), subscribers.frozenEvents(), subscribers.snapshots()));
    say(latencyLine("latency publish->receipt, all streams   ", all));
    say(latencyLine("latency publish->receipt, market streams", latency[0]));
    say(latencyLine("latency publish->receipt, asset streams ", latency[1]));
    say("p99 target <= 100 ms: " + (all.getTotalCount() > 0 && all.getValueAtPercentile(99) <= 100 ? "MET" : "MISSED"));
    if (server != null) {
      say(String.format(Locale.ROOT, "server CPU: %.1f s over %.1f s = %.0f %% of one core (%.0f %% of %d cores)",
          serverCpu, elapsed, 100 * serverCpu / elapsed, 100 * serverCpu / elapsed / cores, cores));
      say(String.format(Locale.ROOT, "server heap after full GC: %.1f MiB with 0 subscribers, %.1f MiB with %d"
              + " -> %,.0f bytes (%.1f KiB) per subscriber",
          heapBefore / 1048576.0, heapWith / 1048576.0, holdingAtHeap,
          (heapWith - heapBefore) / (double) Math.max(1, holdingAtHeap), (heapWith - heapBefore) / 1024.0 / Math.max(1, holdingAtHeap)));
    }
    say(String.format(Locale.ROOT, "client CPU (this JVM, same machine): %.0f %% of one core", 100 * clientCpu / elapsed));
    say("machine load average (1/5/15 min, all processes) at start and end of the window: " + loadBefore + " / " + loadAfter);
    subscribers.closeAll();
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

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
