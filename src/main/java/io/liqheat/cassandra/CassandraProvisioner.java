package io.liqheat.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import java.util.function.Consumer;

/**
 * Makes sure the journal's Cassandra answers before a liqheat node starts. For the embedded node it
 * starts the node when it is not running and applies the schema files (idempotent); an external
 * cluster is only expected to be there, with its schema applied by its operator.
 */
public final class CassandraProvisioner {

  /**
   * The outcome: {@code startedHere} is the node this call started, to stop when the caller is done
   * with it, or null when it was already running or is external.
   */
  public record Provisioned(RunningCassandra startedHere) implements AutoCloseable {
    @Override
    public void close() {
      if (startedHere != null) {
        startedHere.close();
      }
    }
  }

  private CassandraProvisioner() {}

  public static Provisioned ensureReady(Config config, Consumer<String> out) {
    if (CassandraMode.of(config) == CassandraMode.EXTERNAL) {
      return new Provisioned(null);
    }
    EmbeddedCassandraSettings settings = EmbeddedCassandraSettings.fromConfig(config);
    EmbeddedCassandra cassandra = new EmbeddedCassandra(settings, out);
    RunningCassandra started = null;
    CassandraStatus status = cassandra.status();
    if (!status.running()) {
      out.accept("starting the embedded Cassandra node (data in " + settings.dataDir() + ")");
      started = cassandra.start();
    }
    try (CqlSession session = CqlSessions.connect(
        new java.net.InetSocketAddress(Ports.HOST, settings.cqlPort()), CassandraYaml.DATACENTER)) {
      new SchemaApplier(session, line -> { }).applyDirectory(CassandraInstall.locate().schemaDir());
    } catch (RuntimeException e) {
      if (started != null) {
        started.close();
      }
      throw e;
    }
    return new Provisioned(started);
  }
}
