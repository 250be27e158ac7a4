package io.liqheat.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Cassandra 5.0 node, started by the launcher on free ports in a temporary data dir: one
 * start for the whole class, since a start costs 10-40 s on a 2-core machine. The last test stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedCassandraIT {

  @TempDir static Path dataDir;

  private static final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private static EmbeddedCassandra launcher;
  private static RunningCassandra node;

  @BeforeAll
  static void startNode() {
    launcher = new EmbeddedCassandra(EmbeddedCassandraSettings.onFreePorts(dataDir), messages::add);
    node = launcher.start().stopOnJvmExit();
    System.out.printf(
        "Cassandra %s answered CQL on port %d after %d ms%n",
        node.releaseVersion(), node.cqlPort(), node.startupTime().toMillis());
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void answersCqlWithA50Release() {
    assertThat(node.releaseVersion()).startsWith("5.0.");
    try (CqlSession session = node.openSession()) {
      Row local = session.execute("SELECT cluster_name, data_center FROM system.local").one();
      assertThat(local.getString("cluster_name")).isEqualTo("liqheat");
      assertThat(local.getString("data_center")).isEqualTo(node.localDatacenter());
    }
  }

  @Test
  @Order(2)
  void statusReportsTheRunningNode() {
    CassandraStatus status = launcher.status();

    assertThat(status.running()).isTrue();
    assertThat(status.pid()).hasValue(node.pid());
    assertThat(status.cqlPort()).isEqualTo(node.cqlPort());
    assertThat(status.cqlAccepting()).isTrue();
    assertThat(dataDir.resolve("cassandra.pid")).hasContent(Long.toString(node.pid()));
  }

  @Test
  @Order(3)
  void theSchemaAppliesTwiceAndCreatesEveryTable() {
    Path schemaDir = CassandraInstall.locate().schemaDir();
    try (CqlSession session = node.openSession()) {
      SchemaApplier applier = new SchemaApplier(session, messages::add);
      int first = applier.applyDirectory(schemaDir);
      int second = applier.applyDirectory(schemaDir);
      assertThat(second).isEqualTo(first);

      assertThat(tables(session, "liqheat_journal"))
          .containsExactlyInAnyOrder(
              "messages", "tag_views", "tag_write_progress", "tag_scanning", "metadata", "all_persistence_ids");
      assertThat(tables(session, "liqheat_snapshot")).containsExactly("snapshots");
      assertThat(
              session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'liqheat'").one())
          .isNotNull();

      // The columns the plugin writes, with their types.
      Set<String> messageColumns =
          session.execute(
                  "SELECT column_name, type FROM system_schema.columns"
                      + " WHERE keyspace_name = 'liqheat_journal' AND table_name = 'messages'")
              .all().stream()
              .map(row -> row.getString("column_name") + " " + row.getString("type"))
              .collect(Collectors.toSet());
      assertThat(messageColumns)
          .contains(
              "persistence_id text", "partition_nr bigint", "sequence_nr bigint", "timestamp timeuuid",
              "timebucket text", "writer_uuid text", "ser_id int", "ser_manifest text",
              "event_manifest text", "event blob", "meta_ser_id int", "meta_ser_manifest text",
              "meta blob", "tags set<text>");
    }
  }

  @Test
  @Order(4)
  void aSecondNodeOnTheSamePortsIsRefusedWithTheKeyNamed(@TempDir Path otherDataDir) {
    EmbeddedCassandraSettings same = launcher.settings();
    EmbeddedCassandraSettings clash =
        new EmbeddedCassandraSettings(
            otherDataDir, same.cqlPort(), same.storagePort(), same.heapBytes(), same.startTimeout(), same.stopTimeout());

    assertThatThrownBy(() -> new EmbeddedCassandra(clash, messages::add).start())
        .isInstanceOf(CassandraException.class)
        .hasMessageContaining("CQL port " + same.cqlPort())
        .hasMessageContaining(EmbeddedCassandraSettings.CQL_PORT_KEY);
  }

  @Test
  @Order(5)
  void aSecondStartOfTheSameDataDirIsRefused() {
    assertThatThrownBy(() -> launcher.start()).hasMessageContaining("already running");
  }

  @Test
  @Order(6)
  void stopsCleanly() throws Exception {
    node.close();

    assertThat(node.isAlive()).isFalse();
    assertThat(launcher.status().running()).isFalse();
    assertThat(dataDir.resolve("cassandra.pid")).doesNotExist();
    // SIGTERM, not a kill: Cassandra's drain ran to the end.
    assertThat(Files.readString(launcher.logFile())).contains("Cassandra shutdown complete");
  }

  private static List<String> tables(CqlSession session, String keyspace) {
    return session
        .execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
        .all().stream()
        .map(row -> row.getString("table_name"))
        .toList();
  }
}
