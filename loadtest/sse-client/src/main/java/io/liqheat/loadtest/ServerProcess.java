package io.liqheat.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server JVM seen from outside, on the same Linux machine: its CPU time from /proc, its heap
 * after a full GC from {@code jcmd}, and its garbage collections from {@code jstat}. Measuring from
 * outside keeps the service free of load-test code.
 */
final class ServerProcess {

  /**
   * The heap in use in {@code GC.heap_info}: G1's "garbage-first heap   total 262144K, used 123456K"
   * or ZGC's " ZHeap           used 120M, capacity 256M".
   */
  private static final Pattern USED = Pattern.compile("(?:heap\\s+total\\s+\\d+K,|ZHeap)\\s+used\\s+(\\d+)([KM])");
  /** The Parallel collector reports its generations apart, with no line for the whole heap. */
  private static final Pattern GENERATION_USED =
      Pattern.compile("(?:PSYoungGen|ParOldGen)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)([KM])");

  /** Collections so far: young and full counts, and the seconds each kind and the concurrent phases took. */
  record Gc(long young, double youngSeconds, long full, double fullSeconds, double concurrentSeconds) {

    String since(Gc start, double windowSeconds) {
      double paused = youngSeconds - start.youngSeconds + fullSeconds - start.fullSeconds;
      return String.format(Locale.ROOT, "%d young and %d full collections, %.0f ms paused (%.1f %% of the window),"
              + " %.0f ms of concurrent cycles",
          young - start.young, full - start.full, paused * 1000, 100 * paused / windowSeconds,
          (concurrentSeconds - start.concurrentSeconds) * 1000);
    }
  }

  private final long pid;

  ServerProcess(long pid) {
    this.pid = pid;
  }

  long pid() {
    return pid;
  }

  /** User plus system CPU seconds the process has used so far. */
  double cpuSeconds() throws IOException {
    return MachineCpu.cpuSeconds(pid);
  }

  /** Bytes of heap in use after two full collections (the second catches what the first promoted). */
  long heapAfterGc() throws IOException, InterruptedException {
    String id = Long.toString(pid);
    run("jcmd", id, "GC.run");
    run("jcmd", id, "GC.run");
    String info = run("jcmd", id, "GC.heap_info");
    Matcher used = USED.matcher(info);
    if (used.find()) {
      return bytes(used);
    }
    Matcher generation = GENERATION_USED.matcher(info);
    long total = 0;
    int generations = 0;
    while (generation.find()) {
      total += bytes(generation);
      generations++;
    }
    if (generations == 0) {
      throw new IOException("no 'used' figure in jcmd GC.heap_info output:\n" + info);
    }
    return total;
  }

  private static long bytes(Matcher used) {
    return Long.parseLong(used.group(1)) * (used.group(2).equals("M") ? 1024 * 1024 : 1024);
  }

  /** {@code jstat -gcutil}: a header line of column names, then one line of figures. */
  Gc gc() throws IOException, InterruptedException {
    String[] lines = run("jstat", "-gcutil", Long.toString(pid)).trim().split("\n");
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    Map<String, String> columns = new HashMap<>();
    for (int i = 0; i < names.length && i < values.length; i++) {
      columns.put(names[i], values[i]);
    }
    // A collector without young or full collections (ZGC) shows "-" in their columns.
    columns.replaceAll((name, value) -> value.equals("-") ? "0" : value);
    try {
      return new Gc(Long.parseLong(columns.get("YGC")), Double.parseDouble(columns.get("YGCT")),
          Long.parseLong(columns.get("FGC")), Double.parseDouble(columns.get("FGCT")),
          Double.parseDouble(columns.getOrDefault("CGCT", "0")));
    } catch (RuntimeException e) {
      throw new IOException("cannot read jstat -gcutil output:\n" + String.join("\n", lines), e);
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
