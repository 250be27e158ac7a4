package io.liqheat.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the embedded node is told: where its data lives, which ports it listens on, how much heap
 * it gets and how long start and stop may take. Read from {@code liqheat.cassandra.embedded} in
 * HOCON, or built directly by tests ({@link #onFreePorts}).
 *
 * <p>Every check names the configuration key, because that is what the person has to change.
 */
public record EmbeddedCassandraSettings(
    Path dataDir,
    int cqlPort,
    int storagePort,
    long heapBytes,
    Duration startTimeout,
    Duration stopTimeout) {

  public static final String CONFIG_PATH = "liqheat.cassandra.embedded";
  public static final String DATA_DIR_KEY = CONFIG_PATH + ".data-dir";
  public static final String CQL_PORT_KEY = CONFIG_PATH + ".cql-port";
  public static final String STORAGE_PORT_KEY = CONFIG_PATH + ".storage-port";
  public static final String HEAP_KEY = CONFIG_PATH + ".heap";
  public static final String START_TIMEOUT_KEY = CONFIG_PATH + ".start-timeout";
  public static final String STOP_TIMEOUT_KEY = CONFIG_PATH + ".stop-timeout";

  /** Below this Cassandra 5.0 does not get through startup with its default caches. */
  static final long MIN_HEAP_BYTES = 256L * 1024 * 1024;

  private static final long MIB = 1024L * 1024;

  public EmbeddedCassandraSettings {
    Objects.requireNonNull(dataDir, DATA_DIR_KEY);
    dataDir = dataDir.toAbsolutePath().normalize();
    requirePort(cqlPort, CQL_PORT_KEY);
    requirePort(storagePort, STORAGE_PORT_KEY);
    if (cqlPort == storagePort) {
      throw invalid(
          CQL_PORT_KEY + " and " + STORAGE_PORT_KEY, "must differ, both are " + cqlPort);
    }
    if (heapBytes < MIN_HEAP_BYTES) {
      throw invalid(HEAP_KEY, "must be at least 256M, got " + heapBytes + " bytes");
    }
    requirePositive(startTimeout, START_TIMEOUT_KEY);
    requirePositive(stopTimeout, STOP_TIMEOUT_KEY);
  }

  /**
   * Reads and checks {@code liqheat.cassandra.embedded}. A relative data dir is taken against the
   * liqheat checkout when {@code -Dliqheat.home} names it (bin/liqheat does), so that every command
   * finds the same node wherever it is run from; otherwise against the working directory.
   */
  public static EmbeddedCassandraSettings fromConfig(Config root) {
    String home = System.getProperty(CassandraInstall.HOME_PROPERTY);
    return fromConfig(root, home == null || home.isBlank() ? Path.of("") : Path.of(home));
  }

  /** {@link #fromConfig(Config)} with relative data dirs taken against {@code baseDir}. */
  static EmbeddedCassandraSettings fromConfig(Config root, Path baseDir) {
    Config embedded;
    try {
      embedded = root.getConfig(CONFIG_PATH);
    } catch (ConfigException e) {
      throw invalid(CONFIG_PATH, "is missing or not an object (" + e.getMessage() + ")");
    }
    return new EmbeddedCassandraSettings(
        read(embedded, "data-dir", () -> baseDir.resolve(parsePath(embedded.getString("data-dir")))),
        read(embedded, "cql-port", () -> embedded.getInt("cql-port")),
        read(embedded, "storage-port", () -> embedded.getInt("storage-port")),
        read(embedded, "heap", () -> embedded.getMemorySize("heap").toBytes()),
        read(embedded, "start-timeout", () -> embedded.getDuration("start-timeout")),
        read(embedded, "stop-timeout", () -> embedded.getDuration("stop-timeout")));
  }

  /**
   * Settings for a throw-away node in tests: free ports picked now, a 1 GiB heap and generous
   * timeouts, because a 2-core CI machine may be busy compiling while the node starts.
   */
  public static EmbeddedCassandraSettings onFreePorts(Path dataDir) {
    int[] ports = Ports.freePorts(2);
    return new EmbeddedCassandraSettings(
        dataDir, ports[0], ports[1], 1024 * MIB, Duration.ofSeconds(180), Duration.ofSeconds(60));
  }

  /** The heap in whole MiB, as passed to {@code -Xms/-Xmx}. */
  public long heapMebibytes() {
    return heapBytes / MIB;
  }

  private static void requirePort(int port, String key) {
    if (port < 1 || port > 65535) {
      throw invalid(key, "must be a TCP port between 1 and 65535, got " + port);
    }
  }

  private static void requirePositive(Duration duration, String key) {
    Objects.requireNonNull(duration, key);
    if (duration.isZero() || duration.isNegative()) {
      throw invalid(key, "must be a positive duration, got " + duration);
    }
  }

  private static Path parsePath(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a valid path: " + e.getMessage(), e);
    }
  }

  /** Runs one read and turns whatever goes wrong into a message that names the full key. */
  private static <T> T read(Config embedded, String key, ConfigRead<T> read) {
    String fullKey = CONFIG_PATH + "." + key;
    try {
      return read.get();
    } catch (ConfigException.Missing e) {
      throw invalid(fullKey, "is missing");
    } catch (ConfigException e) {
      // Typesafe's message already says where the bad value came from (file and line).
      throw invalid(fullKey, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw invalid(fullKey, e.getMessage() + " (" + embedded.getValue(key).origin().description() + ")");
    }
  }

  private static CassandraException invalid(String key, String problem) {
    return new CassandraException("invalid configuration: " + key + " " + problem);
  }

  @FunctionalInterface
  private interface ConfigRead<T> {
    T get();
  }
}
