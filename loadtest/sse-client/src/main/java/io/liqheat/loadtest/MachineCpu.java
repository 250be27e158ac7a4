package io.liqheat.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time of every process on this Linux machine, from /proc, taken at the start and the end of the
 * measured window: how the machine's cores were split between the server, the client and everything
 * else (the embedded Cassandra, other users of a shared machine). Latency measured on a shared
 * machine is only as meaningful as this split.
 */
final class MachineCpu {

  /** USER_HZ; 100 on every Linux this runs on (getconf CLK_TCK). */
  static final double TICKS_PER_SECOND = 100;

  private record Process(long ticks, String name) {}

  private final Map<Long, Process> processes;
  private final long busyTicks;
  private final long stealTicks;
  private final long allTicks;

  private MachineCpu(Map<Long, Process> processes, long busyTicks, long stealTicks, long allTicks) {
    this.processes = processes;
    this.busyTicks = busyTicks;
    this.stealTicks = stealTicks;
    this.allTicks = allTicks;
  }

  static MachineCpu now() throws IOException {
    Map<Long, Process> processes = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String pid = entry.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          processes.put(Long.parseLong(pid), new Process(ticks(entry.resolve("stat")), name(entry.resolve("cmdline"))));
        } catch (IOException | RuntimeException e) {
          // The process ended while we looked; it is not part of the split.
        }
      }
    }
    // "cpu  user nice system idle iowait irq softirq steal ...": steal is time the hypervisor gave
    // this VM's cores to someone else.
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long all = 0;
    for (int i = 1; i <= 8; i++) {
      all += Long.parseLong(cpu[i]);
    }
    long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
    long steal = Long.parseLong(cpu[8]);
    return new MachineCpu(processes, all - idle - steal, steal, all);
  }

  /** User plus system CPU seconds of one process so far. */
  static double cpuSeconds(long pid) throws IOException {
    return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND;
  }

  /**
   * The window from {@code start} to this snapshot, as lines: the machine's busy cores, then each
   * process that used at least 1 % of a core, named by {@code roles} where given.
   */
  List<String> since(MachineCpu start, double seconds, Map<Long, String> roles) {
    List<String> lines = new ArrayList<>();
    int cores = Runtime.getRuntime().availableProcessors();
    double all = allTicks - start.allTicks;
    double busy = (busyTicks - start.busyTicks) / all * cores;
    double steal = (stealTicks - start.stealTicks) / all * cores;
    lines.add(String.format(Locale.ROOT, "machine CPU over the window: %.2f of %d cores busy, %.2f stolen by the hypervisor"
        + " (/proc/stat: all processes and the kernel)", busy, cores, steal));
    record Share(long pid, double cores, String name) {}
    List<Share> shares = new ArrayList<>();
    processes.forEach((pid, now) -> {
      Process before = start.processes.get(pid);
      long ticks = now.ticks() - (before == null ? 0 : before.ticks());
      double used = ticks / TICKS_PER_SECOND / seconds;
      if (used >= 0.01) {
        shares.add(new Share(pid, used, roles.getOrDefault(pid, now.name())));
      }
    });
    shares.sort((a, b) -> Double.compare(b.cores(), a.cores()));
    for (Share share : shares) {
      lines.add(String.format(Locale.ROOT, "  %5.2f cores  pid %-7d %s", share.cores(), share.pid(), share.name()));
    }
    return lines;
  }

  private static long ticks(Path stat) throws IOException {
    String text = Files.readString(stat, StandardCharsets.US_ASCII);
    // Fields after the parenthesised command name, which may itself contain spaces.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Java options that take the next argument as their value. */
  private static final Set<String> WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
      "--add-modules", "--add-exports", "--add-opens", "--add-reads", "--patch-module", "--limit-modules",
      "--upgrade-module-path");

  /** A short name: a Java process's main class or jar, else the program. */
  private static String name(Path cmdline) throws IOException {
    String[] args = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0");
    if (args.length == 0 || args[0].isEmpty()) {
      return "[kernel thread]";
    }
    String program = Path.of(args[0]).getFileName().toString();
    if (!program.equals("java")) {
      return String.join(" ", List.of(args).subList(0, Math.min(3, args.length)));
    }
    for (int i = 1; i < args.length; i++) {
      if (WITH_VALUE.contains(args[i])) {
        i++;
      } else if (args[i].equals("-jar") && i + 1 < args.length) {
        String jar = Path.of(args[i + 1]).getFileName().toString();
        return "java -jar " + jar + (i + 2 < args.length ? " " + args[i + 2] : "");
      } else if (!args[i].startsWith("-")) {
        return "java " + args[i];
      }
    }
    return "java";
  }
}
