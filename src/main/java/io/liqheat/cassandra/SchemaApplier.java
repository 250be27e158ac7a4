package io.liqheat.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the CQL files of a folder, normally {@link CassandraInstall#schemaDir()} (in file-name order, hence the
 * numeric prefixes) over a driver session. Running it again changes nothing: every CREATE must say
 * {@code IF NOT EXISTS}, which is checked before anything is sent, so a file that would fail on the
 * second run is rejected on the first.
 *
 * <p>Outside of tests this is how the schema comes to exist: Pekko Persistence's autocreate
 * races when several nodes start at once, as its documentation warns.
 */
public final class SchemaApplier {

  private static final Pattern CREATE = Pattern.compile("(?is)^CREATE\\b.*");

  private static final Pattern IDEMPOTENT_CREATE =
      Pattern.compile(
          "(?is)^CREATE\\s+(OR\\s+REPLACE\\s+.*"
              + "|(CUSTOM\\s+)?(KEYSPACE|TABLE|TYPE|INDEX|MATERIALIZED\\s+VIEW|FUNCTION|AGGREGATE)"
              + "\\s+IF\\s+NOT\\s+EXISTS\\b.*)");

  private final CqlSession session;
  private final Consumer<String> out;

  public SchemaApplier(CqlSession session, Consumer<String> out) {
    this.session = session;
    this.out = out;
  }

  /** The {@code *.cql} files of a folder, in the order they are applied. */
  public static List<Path> schemaFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CassandraException("schema folder " + dir.toAbsolutePath() + " does not exist");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> cql =
          files
              .filter(f -> f.getFileName().toString().endsWith(".cql") && Files.isRegularFile(f))
              .sorted()
              .toList();
      if (cql.isEmpty()) {
        throw new CassandraException("schema folder " + dir.toAbsolutePath() + " has no .cql files");
      }
      return cql;
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
  }

  /**
   * Reads and checks the statements of a file without sending anything.
   *
   * @throws CassandraException for a file that does not parse or a CREATE without IF NOT EXISTS
   */
  public static List<String> statements(Path file) {
    String cql;
    try {
      cql = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    List<String> statements;
    try {
      statements = CqlScript.split(file.toString(), cql);
    } catch (IllegalArgumentException e) {
      throw new CassandraException("schema file " + e.getMessage());
    }
    for (String statement : statements) {
      if (CREATE.matcher(statement).matches() && !IDEMPOTENT_CREATE.matcher(statement).matches()) {
        throw new CassandraException(
            "schema file " + file + " has a CREATE without IF NOT EXISTS, which fails when applied"
                + " twice: " + firstLine(statement));
      }
    }
    return statements;
  }

  /** Applies every file of the folder; returns the number of statements run. */
  public int applyDirectory(Path dir) {
    List<Path> files = schemaFiles(dir);
    // Check every file before running any, so a bad file does not leave a half-applied schema.
    files.forEach(SchemaApplier::statements);
    int total = 0;
    for (Path file : files) {
      total += applyFile(file);
    }
    return total;
  }

  /** Applies one file; returns the number of statements run. */
  public int applyFile(Path file) {
    List<String> statements = statements(file);
    for (String statement : statements) {
      try {
        session.execute(
            SimpleStatement.newInstance(statement).setTimeout(CqlSessions.TOOLING_REQUEST_TIMEOUT));
      } catch (RuntimeException e) {
        throw new CassandraException(
            "schema file " + file + ": `" + firstLine(statement) + "` failed: " + e.getMessage(), e);
      }
    }
    out.accept("Applied " + file.getFileName() + " (" + statements.size() + " statements)");
    return statements.size();
  }

  private static String firstLine(String statement) {
    int newline = statement.indexOf('\n');
    return newline < 0 ? statement : statement.substring(0, newline) + " ...";
  }
}
