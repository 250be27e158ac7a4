package io.liqheat.cassandra;

import java.nio.file.Path;

/**
 * Where the node keeps everything, all under one data directory, so that deleting that directory
 * is a complete reset and two nodes with different data directories never share a file.
 */
record NodeLayout(Path dataDir) {

  NodeLayout {
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Generated at every start from the settings; not meant to be edited. */
  Path confDir() {
    return dataDir.resolve("conf");
  }

  Path yamlFile() {
    return confDir().resolve("cassandra.yaml");
  }

  Path dataFiles() {
    return dataDir.resolve("data");
  }

  Path commitLog() {
    return dataDir.resolve("commitlog");
  }

  Path savedCaches() {
    return dataDir.resolve("saved_caches");
  }

  Path hints() {
    return dataDir.resolve("hints");
  }

  Path cdcRaw() {
    return dataDir.resolve("cdc_raw");
  }

  /** Cassandra's own log directory (gc logs, audit, fql); the main log is {@link #logFile()}. */
  Path logsDir() {
    return dataDir.resolve("logs");
  }

  Path triggersDir() {
    return dataDir.resolve("triggers");
  }

  /** The node's stdout and stderr. */
  Path logFile() {
    return dataDir.resolve("cassandra.log");
  }

  /** The log of the start before this one, kept so that a restart does not erase a crash's log. */
  Path previousLogFile() {
    return dataDir.resolve("cassandra.log.1");
  }

  Path pidFile() {
    return dataDir.resolve("cassandra.pid");
  }
}
