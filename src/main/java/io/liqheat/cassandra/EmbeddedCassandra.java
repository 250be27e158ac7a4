package io.liqheat.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts, stops and reports on a real Cassandra 5.0 node running in its own JVM.
 *
 * <p>The node's JVM has only the Cassandra jars on its classpath ({@link CassandraLibResolver}):
 * Cassandra's Netty and Guava must never meet the driver's in the service JVM. Everything the node
 * writes, including its log ({@code cassandra.log}) and pid file ({@code cassandra.pid}), lives in
 * the data directory ({@link NodeLayout}).
 *
 * <p>The pid file is what lets {@code status} and {@code stop}, run from another JVM later, find the
 * node. A pid file whose process is gone, or belongs to something other than Cassandra (a reused
 * pid), is stale: it is reported and removed.
 */
public final class EmbeddedCassandra {

  static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

  private static final int LOG_TAIL_LINES = 40;
  private static final long POLL_MILLIS = 250;
  private static final Duration KILL_WAIT = Duration.ofSeconds(15);

  private final EmbeddedCassandraSettings settings;
  private final Consumer<String> out;
  private final NodeLayout layout;
  private final PidFile pidFile;

  /**
   * @param out receives progress and notices for the person at the terminal (one line each)
   */
  public EmbeddedCassandra(EmbeddedCassandraSettings settings, Consumer<String> out) {
    this.settings = settings;
    this.out = out;
    this.layout = new NodeLayout(settings.dataDir());
    this.pidFile = new PidFile(layout.pidFile());
  }

  public EmbeddedCassandraSettings settings() {
    return settings;
  }

  public Path logFile() {
    return layout.logFile();
  }

  /** {@link #start(CassandraInstall)} with the jars and flags of the liqheat checkout. */
  public RunningCassandra start() {
    return start(CassandraInstall.locate());
  }

  /**
   * Launches the node and returns once it answers {@code SELECT release_version FROM system.local}.
   * If it exits or does not answer within the start timeout, it is killed and the exception carries
   * the cause and the tail of its log.
   */
  public RunningCassandra start(CassandraInstall install) {
    Optional<ProcessHandle> running = runningNode();
    if (running.isPresent()) {
      throw new CassandraException(
          "Cassandra is already running from " + layout.dataDir() + " (pid " + running.get().pid()
              + "); stop it first with `liqheat cassandra stop`");
    }
    requireFree(settings.cqlPort(), "CQL port", EmbeddedCassandraSettings.CQL_PORT_KEY);
    requireFree(settings.storagePort(), "storage port", EmbeddedCassandraSettings.STORAGE_PORT_KEY);
    Path lib = new CassandraLibResolver(install, out).ensureResolved();
    List<String> jvmFlags = readJvmOptions(install.jvmOptionsFile());
    if (!Files.isRegularFile(install.logbackFile())) {
      throw new CassandraException("the node's logging config " + install.logbackFile() + " is missing");
    }
    prepareDataDir();
    // JMX is local-only and not configured: any free port will do, so it can never clash.
    int jmxPort = Ports.freePorts(1)[0];

    Process process;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command(install, lib, jvmFlags, jmxPort))
              .directory(layout.dataDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(layout.logFile().toFile());
      process = builder.start();
      // Cassandra never reads stdin: give it end-of-file rather than a pipe that nobody writes to.
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new CassandraException("could not launch the Cassandra JVM: " + e.getMessage(), e);
    }
    long launchedAt = System.nanoTime();
    try {
      pidFile.write(process.pid());
    } catch (RuntimeException e) {
      // Without its pid file nobody could stop this node later: do not leave it running.
      process.destroyForcibly();
      throw e;
    }
    out.accept(
        "Starting Cassandra (pid " + process.pid() + ", CQL port " + settings.cqlPort()
            + ", storage port " + settings.storagePort() + ", heap " + settings.heapMebibytes()
            + " MiB); log: " + layout.logFile());

    String version = awaitCql(process);
    Duration startupTime = Duration.ofNanos(System.nanoTime() - launchedAt);
    return new RunningCassandra(this, process.toHandle(), settings.cqlPort(), version, startupTime);
  }

  /** Reports the node of this data directory, cleaning up a stale pid file on the way. */
  public CassandraStatus status() {
    Optional<ProcessHandle> node = runningNode();
    if (node.isEmpty()) {
      return CassandraStatus.notRunning(settings.cqlPort(), layout.dataDir());
    }
    return new CassandraStatus(
        OptionalLong.of(node.get().pid()),
        settings.cqlPort(),
        layout.dataDir(),
        Ports.accepts(settings.cqlPort(), 1000));
  }

  /**
   * Stops the node recorded in the pid file.
   *
   * @return false when no node was running (a stale pid file is still cleaned up)
   */
  public boolean stop() {
    Optional<ProcessHandle> node = runningNode();
    if (node.isEmpty()) {
      out.accept("Cassandra is not running (data dir " + layout.dataDir() + ")");
      return false;
    }
    stop(node.get());
    return true;
  }

  /**
   * SIGTERM first: Cassandra's shutdown hook drains the node (flushes memtables, closes the commit
   * log), so the next start does not replay it. Only a node that ignores that for the stop timeout
   * is killed.
   */
  void stop(ProcessHandle node) {
    if (node.isAlive()) {
      out.accept("Stopping Cassandra (pid " + node.pid() + ")...");
      if (!node.destroy() && node.isAlive()) {
        throw new CassandraException(
            "cannot send SIGTERM to Cassandra (pid " + node.pid() + "); is it owned by another user?");
      }
      if (!awaitExit(node, settings.stopTimeout())) {
        out.accept(
            "Cassandra did not stop within " + settings.stopTimeout().toSeconds()
                + " s; killing it (pid " + node.pid() + ")");
        node.destroyForcibly();
        if (!awaitExit(node, KILL_WAIT)) {
          throw new CassandraException("could not kill Cassandra (pid " + node.pid() + ")");
        }
      }
      out.accept("Cassandra stopped.");
    }
    // Only our own record: another node may have been started from this data dir since.
    OptionalLong recorded = pidFile.read();
    if (recorded.isEmpty() || recorded.getAsLong() == node.pid()) {
      pidFile.delete();
    }
  }

  /**
   * The live node of this data directory, if any. A pid file that does not lead to a live
   * Cassandra is stale: say so once, and remove it, so that it never blocks a start.
   */
  Optional<ProcessHandle> runningNode() {
    if (!pidFile.exists()) {
      return Optional.empty();
    }
    OptionalLong pid = pidFile.read();
    if (pid.isEmpty()) {
      removeStalePidFile("it does not hold a pid (\"" + pidFile.rawContent() + "\")");
      return Optional.empty();
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      removeStalePidFile(
          "process " + pid.getAsLong() + " is not running (the node was killed or the machine restarted)");
      return Optional.empty();
    }
    if (!isCassandra(process.get())) {
      removeStalePidFile(
          "process " + pid.getAsLong() + " is alive but is not Cassandra (its pid has been reused)");
      return Optional.empty();
    }
    return process;
  }

  private void removeStalePidFile(String why) {
    pidFile.delete();
    out.accept("Removed stale pid file " + pidFile.path() + ": " + why + ".");
  }

  /** When the OS does not show the command line, trust the pid file rather than guess. */
  private static boolean isCassandra(ProcessHandle process) {
    Optional<String> commandLine = process.info().commandLine();
    Optional<String[]> arguments = process.info().arguments();
    if (arguments.isPresent()) {
      return List.of(arguments.get()).contains(MAIN_CLASS);
    }
    return commandLine.map(line -> line.contains(MAIN_CLASS)).orElse(true);
  }

  private static void requireFree(int port, String what, String key) {
    if (!Ports.isFree(port)) {
      throw new CassandraException(
          "the " + what + " " + port + " (" + key + ") is already in use on " + Ports.HOST
              + "; stop whatever listens there (`liqheat cassandra status` shows a node of ours)"
              + " or set " + key + " to a free port");
    }
  }

  /** Flags from {@code jvm17.options}: one per line, {@code --add-opens X} split into two arguments. */
  static List<String> readJvmOptions(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CassandraException("the Cassandra JVM flags file " + file + " is missing");
    }
    try {
      List<String> flags = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          flags.addAll(List.of(trimmed.split("\\s+")));
        }
      }
      return flags;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** The node's command line; every path is absolute, since the node runs in the data directory. */
  List<String> command(CassandraInstall install, Path lib, List<String> jvmFlags, int jmxPort) {
    long heap = settings.heapMebibytes();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + heap + "m");
    command.add("-Xmx" + heap + "m");
    command.add("-XX:+UseG1GC");
    // Cassandra's advice: a node that ran out of heap may write corrupt data if it carries on.
    command.add("-XX:+ExitOnOutOfMemoryError");
    // As Cassandra's own scripts do: no hsperfdata file in /tmp, whose writes can stall GC.
    command.add("-XX:+PerfDisableSharedMem");
    command.add("-XX:ErrorFile=" + layout.dataDir().resolve("hs_err_pid%p.log"));
    command.add("-Djava.net.preferIPv4Stack=true");
    command.addAll(jvmFlags);
    command.add("-Dcassandra.config=" + layout.yamlFile().toUri());
    command.add("-Dcassandra-foreground=yes");
    command.add("-Dcassandra.storagedir=" + layout.dataDir());
    command.add("-Dcassandra.logdir=" + layout.logsDir());
    command.add("-Dcassandra.triggers_dir=" + layout.triggersDir());
    // A single node has nobody to gossip with; waiting for gossip to settle only delays CQL.
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    // On stop a node tells its peers and waits 2 s for the news to spread; a single node has none.
    command.add("-Dcassandra.shutdown_announce_in_ms=0");
    command.add("-Dcassandra.jmx.local.port=" + jmxPort);
    command.add("-Dlogback.configurationFile=" + install.logbackFile());
    command.add("-cp");
    command.add(lib + File.separator + "*");
    command.add(MAIN_CLASS);
    return command;
  }

  private void prepareDataDir() {
    try {
      for (Path dir :
          List.of(
              layout.confDir(),
              layout.dataFiles(),
              layout.commitLog(),
              layout.savedCaches(),
              layout.hints(),
              layout.cdcRaw(),
              layout.logsDir(),
              layout.triggersDir())) {
        Files.createDirectories(dir);
      }
      Files.writeString(layout.yamlFile(), CassandraYaml.render(settings, layout), StandardCharsets.UTF_8);
      if (Files.exists(layout.logFile())) {
        Files.move(layout.logFile(), layout.previousLogFile(), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CassandraException(
          "could not prepare the data dir " + layout.dataDir() + " ("
              + EmbeddedCassandraSettings.DATA_DIR_KEY + "): " + e, e);
    }
  }

  private String awaitCql(Process process) {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    String lastProblem = "the CQL port never accepted a connection";
    while (true) {
      if (!process.isAlive()) {
        throw failedStart(
            process, "Cassandra exited with code " + process.exitValue() + " before it answered CQL");
      }
      if (Ports.accepts(settings.cqlPort(), 1000)) {
        try {
          return CqlSessions.releaseVersion(settings.cqlPort());
        } catch (RuntimeException notYet) {
          lastProblem = "last CQL attempt: " + notYet.getMessage();
        }
      }
      if (System.nanoTime() > deadline) {
        throw failedStart(
            process,
            "Cassandra did not answer CQL on " + Ports.HOST + ":" + settings.cqlPort() + " within "
                + settings.startTimeout().toSeconds() + " s (" + EmbeddedCassandraSettings.START_TIMEOUT_KEY
                + "); " + lastProblem);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failedStart(process, "interrupted while waiting for Cassandra to answer CQL");
      }
    }
  }

  /** Kills a node that failed to come up and explains why, with the tail of its log. */
  private CassandraException failedStart(Process process, String cause) {
    if (process.isAlive()) {
      process.destroy();
      if (!awaitExit(process.toHandle(), KILL_WAIT)) {
        process.destroyForcibly();
        awaitExit(process.toHandle(), KILL_WAIT);
      }
    }
    pidFile.delete();
    return new CassandraException(cause + "\n" + LogTail.describe(layout.logFile(), LOG_TAIL_LINES));
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !process.isAlive();
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
