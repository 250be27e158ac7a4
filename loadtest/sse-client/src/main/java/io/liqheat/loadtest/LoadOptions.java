package io.liqheat.loadtest;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The load test's command line: {@code --name value} pairs, every one optional.
 *
 * @param server the liqheat node's base URL
 * @param subscribers concurrent SSE streams to hold
 * @param assetShare the fraction of them on asset streams; the rest are on market streams
 * @param connectPerSecond how fast streams are opened, so the ramp measures streaming, not accept storms
 * @param warmupSeconds after every stream is open, before measuring (JIT, first conflations)
 * @param measureSeconds the latency, event-rate and CPU window
 * @param serverPid the server's process id on this machine, for CPU and heap; 0 skips both
 * @param rampTimeoutSeconds how long to wait for every stream to be answered before measuring those open
 */
record LoadOptions(
    URI server, int subscribers, double assetShare, int connectPerSecond, int warmupSeconds, int measureSeconds,
    long serverPid, int rampTimeoutSeconds) {

  static final String USAGE = "usage: SseLoadTest [--server http://127.0.0.1:8080] [--subscribers 10000]"
      + " [--asset-share 0.1] [--connect-per-second 500] [--warmup 20] [--measure 60] [--server-pid PID] [--ramp-timeout 900]";

  static LoadOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs at '" + args[i] + "'; " + USAGE);
      }
      given.put(args[i].substring(2), args[i + 1]);
    }
    LoadOptions options = new LoadOptions(
        URI.create(given.getOrDefault("server", "http://127.0.0.1:8080")),
        Integer.parseInt(given.getOrDefault("subscribers", "10000")),
        Double.parseDouble(given.getOrDefault("asset-share", "0.1")),
        Integer.parseInt(given.getOrDefault("connect-per-second", "500")),
        Integer.parseInt(given.getOrDefault("warmup", "20")),
        Integer.parseInt(given.getOrDefault("measure", "60")),
        Long.parseLong(given.getOrDefault("server-pid", "0")),
        Integer.parseInt(given.getOrDefault("ramp-timeout", "900")));
    given.keySet().removeAll(java.util.List.of(
        "server", "subscribers", "asset-share", "connect-per-second", "warmup", "measure", "server-pid", "ramp-timeout"));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet() + "; " + USAGE);
    }
    if (options.subscribers < 1 || options.connectPerSecond < 1 || options.measureSeconds < 1
        || options.assetShare < 0 || options.assetShare > 1) {
      throw new IllegalArgumentException("out of range: " + options + "; " + USAGE);
    }
    return options;
  }
}
