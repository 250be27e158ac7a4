package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cassandra} and {@code schema} commands as a user runs them, without a node. */
class CassandraCommandTest {

  @TempDir Path dir;

  /** The last run's output, for the assertions that follow it. */
  private String out = "";
  private String err = "";

  private int run(String... args) {
    CommandRun run = CommandRun.of(args);
    out = run.out();
    err = run.err();
    return run.exitCode();
  }

  private Path config(String hocon) throws IOException {
    Path file = dir.resolve("liqheat.conf");
    Files.writeString(file, hocon);
    return file;
  }

  @Test
  void statusOfANodeThatWasNeverStartedSaysSo() throws IOException {
    Path conf = config("liqheat.cassandra.embedded.data-dir = \"" + dir.resolve("node") + "\"");

    int exit = run("cassandra", "status", "--config", conf.toString());

    assertThat(exit).isZero();
    assertThat(out).contains("Cassandra is not running", dir.resolve("node").toString());
  }

  @Test
  void aBadPortIsOneLineNamingTheKeyWithExitCode2() throws IOException {
    Path conf = config("liqheat.cassandra.embedded.cql-port = 0");

    int exit = run("cassandra", "start", "--config", conf.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.strip())
        .startsWith("liqheat: invalid configuration: liqheat.cassandra.embedded.cql-port")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingConfigFileIsAUserError() {
    int exit = run("cassandra", "stop", "--config", dir.resolve("nope.conf").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err).contains("nope.conf");
  }

  @Test
  void schemaApplyChecksItsFilesBeforeConnecting() throws IOException {
    Path schema = Files.createDirectories(dir.resolve("schema"));
    Files.writeString(schema.resolve("01-bad.cql"), "CREATE TABLE k.t (id text PRIMARY KEY);");

    int exit = run("schema", "apply", "--dir", schema.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err).contains("IF NOT EXISTS", "01-bad.cql");
  }

  @Test
  void schemaApplyRejectsAMalformedContactPoint() {
    int exit = run("schema", "apply", "--contact-point", "localhost");

    assertThat(exit).isEqualTo(2);
    assertThat(err).contains("--contact-point must be HOST:PORT");
  }

  @Test
  void everySubcommandHasHelp() {
    StringBuilder help = new StringBuilder();
    for (String[] command :
        new String[][] {
          {"cassandra", "--help"}, {"cassandra", "start", "--help"}, {"cassandra", "stop", "--help"},
          {"cassandra", "status", "--help"}, {"schema", "apply", "--help"}
        }) {
      assertThat(run(command)).isZero();
      help.append(out);
    }
    assertThat(help).contains("Usage: liqheat cassandra start", "Usage: liqheat schema apply", "--config");
  }
}
