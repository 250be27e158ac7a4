package io.liqheat.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import io.liqheat.cassandra.CassandraInstall;
import io.liqheat.cassandra.EmbeddedCassandra;
import io.liqheat.cassandra.EmbeddedCassandraSettings;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.cassandra.SchemaApplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real Cassandra node shared by the integration tests of a JVM, with the project's schema
 * applied: a start costs 10-40 s on a 2-core machine, so it happens once. Tests keep apart by using
 * their own market ids. Tests that stop and start a node on purpose start their own instead.
 */
public final class TestCassandra {

  private static RunningCassandra shared;

  private TestCassandra() {}

  public static synchronized RunningCassandra shared() {
    if (shared == null) {
      shared = startFresh(tempDir("liqheat-it-cassandra"));
    }
    return shared;
  }

  /** A new node in {@code dataDir} on free ports, schema applied, stopped when the JVM exits. */
  public static RunningCassandra startFresh(Path dataDir) {
    RunningCassandra node = new EmbeddedCassandra(EmbeddedCassandraSettings.onFreePorts(dataDir), line -> { })
        .start()
        .stopOnJvmExit();
    applySchema(node);
    return node;
  }

  public static void applySchema(RunningCassandra node) {
    try (CqlSession session = node.openSession()) {
      new SchemaApplier(session, line -> { }).applyDirectory(CassandraInstall.locate().schemaDir());
    }
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
