package io.liqheat.cassandra;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What {@code liqheat cassandra status} reports about the node of one data directory.
 *
 * @param pid the node's process, when it runs
 * @param cqlAccepting whether the CQL port accepts connections (a node still starting does not yet)
 */
public record CassandraStatus(OptionalLong pid, int cqlPort, Path dataDir, boolean cqlAccepting) {

  public static CassandraStatus notRunning(int cqlPort, Path dataDir) {
    return new CassandraStatus(OptionalLong.empty(), cqlPort, dataDir, false);
  }

  public boolean running() {
    return pid.isPresent();
  }

  /** One line for the terminal. */
  public String describe() {
    if (!running()) {
      return "Cassandra is not running (data dir " + dataDir + ")";
    }
    return "Cassandra is running: pid " + pid.getAsLong() + ", CQL " + Ports.HOST + ":" + cqlPort
        + (cqlAccepting ? "" : " (not accepting connections yet)") + ", data dir " + dataDir;
  }
}
