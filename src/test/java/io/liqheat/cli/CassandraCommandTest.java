package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code cassandra} and {@code schema} commands as a user runs them, without a node. */
class CassandraCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = LiqheatCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
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
    assertThat(out.toString()).contains("Cassandra is not running", dir.resolve("node").toString());
  }

  @Test
  void aBadPortIsOneLineNamingTheKeyWithExitCode2() throws IOException {
    Path conf = config("liqheat.cassandra.embedded.cql-port = 0");

    int exit = run("cassandra", "start", "--config", conf.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("liqheat: invalid configuration: liqheat.cassandra.embedded.cql-port")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingConfigFileIsAUserError() {
    int exit = run("cassandra", "stop", "--config", dir.resolve("nope.conf").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("nope.conf");
  }

  @Test
  void schemaApplyChecksItsFilesBeforeConnecting() throws IOException {
    Path schema = Files.createDirectories(dir.resolve("schema"));
    Files.writeString(schema.resolve("01-bad.cql"), "CREATE TABLE k.t (id text PRIMARY KEY);");

    int exit = run("schema", "apply", "--dir", schema.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("IF NOT EXISTS", "01-bad.cql");
  }

  @Test
  void schemaApplyRejectsAMalformedContactPoint() {
    int exit = run("schema", "apply", "--contact-point", "localhost");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--contact-point must be HOST:PORT");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] command :
        new String[][] {
          {"cassandra", "--help"}, {"cassandra", "start", "--help"}, {"cassandra", "stop", "--help"},
          {"cassandra", "status", "--help"}, {"schema", "apply", "--help"}
        }) {
      assertThat(run(command)).isZero();
    }
    assertThat(out.toString()).contains("Usage: liqheat cassandra start", "Usage: liqheat schema apply", "--config");
  }
}
