package io.liqheat.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node that answered CQL. Tests hold it for their lifetime and {@link #close()} it; the CLI's
 * {@code start} just reports it and leaves the node running for a later {@code stop}.
 */
public final class RunningCassandra implements AutoCloseable {

  private final EmbeddedCassandra launcher;
  private final ProcessHandle process;
  private final int cqlPort;
  private final String releaseVersion;
  private final Duration startupTime;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private Thread shutdownHook;

  RunningCassandra(
      EmbeddedCassandra launcher,
      ProcessHandle process,
      int cqlPort,
      String releaseVersion,
      Duration startupTime) {
    this.launcher = launcher;
    this.process = process;
    this.cqlPort = cqlPort;
    this.releaseVersion = releaseVersion;
    this.startupTime = startupTime;
  }

  public int cqlPort() {
    return cqlPort;
  }

  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(Ports.HOST, cqlPort);
  }

  /** The data center name a driver must use as its local one. */
  public String localDatacenter() {
    return CassandraYaml.DATACENTER;
  }

  public long pid() {
    return process.pid();
  }

  /** Cassandra's {@code release_version}, e.g. {@code 5.0.9}. */
  public String releaseVersion() {
    return releaseVersion;
  }

  /** From launching the JVM to the first answered CQL query. */
  public Duration startupTime() {
    return startupTime;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A new driver session to this node; the caller closes it. */
  public CqlSession openSession() {
    return CqlSessions.connectEmbedded(cqlPort);
  }

  /**
   * Stops the node when this JVM exits without {@link #close()} (a test run cut short), so that
   * no orphaned Cassandra keeps its ports and a gigabyte of memory.
   */
  public synchronized RunningCassandra stopOnJvmExit() {
    if (shutdownHook == null) {
      shutdownHook = new Thread(this::stopOnce, "stop-embedded-cassandra");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    return this;
  }

  /** Stops the node cleanly (SIGTERM, then a kill after the stop timeout). Safe to call twice. */
  @Override
  public void close() {
    stopOnce();
    synchronized (this) {
      if (shutdownHook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is already exiting; the hook runs or has run, and stopOnce() is idempotent.
        }
        shutdownHook = null;
      }
    }
  }

  private void stopOnce() {
    if (stopped.compareAndSet(false, true)) {
      launcher.stop(process);
    }
  }
}
