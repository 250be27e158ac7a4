package io.liqheat.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema files under conf/cassandra/schema, checked without a node. */
class SchemaFilesTest {

  private static final Pattern CREATED =
      Pattern.compile("(?is)^CREATE\\s+(KEYSPACE|TABLE)\\s+IF\\s+NOT\\s+EXISTS\\s+([a-z_.]+).*");

  private static final Path SCHEMA_DIR = CassandraInstall.locate().schemaDir();

  @Test
  void createsThePersistencePluginsTablesAndTheKeyspacesInOrder() {
    List<String> created =
        SchemaApplier.schemaFiles(SCHEMA_DIR).stream()
            .flatMap(file -> SchemaApplier.statements(file).stream())
            .map(SchemaFilesTest::createdName)
            .toList();

    assertThat(created)
        .containsExactly(
            "KEYSPACE liqheat_journal",
            "TABLE liqheat_journal.messages",
            "TABLE liqheat_journal.tag_views",
            "TABLE liqheat_journal.tag_write_progress",
            "TABLE liqheat_journal.tag_scanning",
            "TABLE liqheat_journal.metadata",
            "TABLE liqheat_journal.all_persistence_ids",
            "KEYSPACE liqheat_snapshot",
            "TABLE liqheat_snapshot.snapshots",
            "KEYSPACE liqheat",
            "TABLE liqheat.frames_by_market_day",
            "TABLE liqheat.frames_progress",
            "TABLE liqheat.projection_offsets");
  }

  @Test
  void theEmbeddedKeyspacesUseReplicationFactorOne() {
    SchemaApplier.schemaFiles(SCHEMA_DIR).stream()
        .flatMap(file -> SchemaApplier.statements(file).stream())
        .filter(statement -> statement.startsWith("CREATE KEYSPACE"))
        .forEach(
            statement ->
                assertThat(statement).contains("'class' : 'SimpleStrategy', 'replication_factor' : 1"));
  }

  @Test
  void aCreateWithoutIfNotExistsIsRejectedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("01-bad.cql");
    Files.writeString(file, "CREATE TABLE IF NOT EXISTS k.a (id text PRIMARY KEY);\nCREATE TABLE k.b (id text PRIMARY KEY);\n");

    assertThatThrownBy(() -> SchemaApplier.statements(file))
        .isInstanceOf(CassandraException.class)
        .hasMessageContaining("IF NOT EXISTS")
        .hasMessageContaining("CREATE TABLE k.b");
  }

  @Test
  void aFolderWithoutCqlFilesIsReported(@TempDir Path dir) {
    assertThatThrownBy(() -> SchemaApplier.schemaFiles(dir)).hasMessageContaining("has no .cql files");
    assertThatThrownBy(() -> SchemaApplier.schemaFiles(dir.resolve("nope"))).hasMessageContaining("does not exist");
  }

  private static String createdName(String statement) {
    Matcher matcher = CREATED.matcher(statement);
    assertThat(matcher.matches()).as(statement).isTrue();
    return matcher.group(1).toUpperCase() + " " + matcher.group(2);
  }
}
