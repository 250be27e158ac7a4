package io.liqheat.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server JVM seen from outside, on the same Linux machine: its CPU time from /proc and its heap
 * after a full GC from {@code jcmd}. Measuring from outside keeps the service free of load-test code.
 */
final class ServerProcess {

  /** G1's line in {@code GC.heap_info}: "garbage-first heap   total 262144K, used 123456K [...". */
  private static final Pattern USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
  /** USER_HZ; 100 on every Linux this runs on (getconf CLK_TCK). */
  private static final double TICKS_PER_SECOND = 100;

  private final long pid;

  ServerProcess(long pid) {
    this.pid = pid;
  }

  /** User plus system CPU seconds the process has used so far. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
    // Fields after the parenthesised command name, which may itself contain spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]);
    long stime = Long.parseLong(fields[12]);
    return (utime + stime) / TICKS_PER_SECOND;
  }

  /** Bytes of heap in use after two full collections (the second catches what the first promoted). */
  long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher used = USED.matcher(info);
    if (!used.find()) {
      throw new IOException("no 'used' figure in jcmd GC.heap_info output:\n" + info);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " " + command + " failed:\n" + output);
    }
    return output;
  }
}
