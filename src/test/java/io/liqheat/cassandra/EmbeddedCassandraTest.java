package io.liqheat.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's checks and its pid-file handling, without starting Cassandra: every case here is
 * decided before a JVM would be launched. The real node is exercised by EmbeddedCassandraIT.
 */
class EmbeddedCassandraTest {

  @TempDir Path dataDir;
  @TempDir Path checkout;

  private final List<String> messages = new ArrayList<>();

  private EmbeddedCassandra launcher(EmbeddedCassandraSettings settings) {
    return new EmbeddedCassandra(settings, messages::add);
  }

  /** An install whose jars are not resolved and cannot be: reaching it would fail loudly. */
  private CassandraInstall emptyInstall() {
    return CassandraInstall.under(checkout);
  }

  @Test
  void aTakenCqlPortIsNamedWithItsKey() throws IOException {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
      EmbeddedCassandraSettings free = EmbeddedCassandraSettings.onFreePorts(dataDir);
      EmbeddedCassandraSettings settings =
          new EmbeddedCassandraSettings(
              dataDir, squatter.getLocalPort(), free.storagePort(), free.heapBytes(),
              free.startTimeout(), free.stopTimeout());

      assertThatThrownBy(() -> launcher(settings).start(emptyInstall()))
          .isInstanceOf(CassandraException.class)
          .hasMessageContaining("CQL port " + squatter.getLocalPort())
          .hasMessageContaining("liqheat.cassandra.embedded.cql-port")
          .hasMessageContaining("already in use");
    }
    assertThat(dataDir.resolve("cassandra.pid")).doesNotExist();
  }

  @Test
  void aTakenStoragePortIsNamedWithItsKey() throws IOException {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
      EmbeddedCassandraSettings free = EmbeddedCassandraSettings.onFreePorts(dataDir);
      EmbeddedCassandraSettings settings =
          new EmbeddedCassandraSettings(
              dataDir, free.cqlPort(), squatter.getLocalPort(), free.heapBytes(),
              free.startTimeout(), free.stopTimeout());

      assertThatThrownBy(() -> launcher(settings).start(emptyInstall()))
          .hasMessageContaining("storage port " + squatter.getLocalPort())
          .hasMessageContaining("liqheat.cassandra.embedded.storage-port");
    }
  }

  @Test
  void aMissingJarFolderWithoutItsPomIsExplained() {
    assertThatThrownBy(() -> launcher(EmbeddedCassandraSettings.onFreePorts(dataDir)).start(emptyInstall()))
        .isInstanceOf(CassandraException.class)
        .hasMessageContaining("Cassandra jar folder")
        .hasMessageContaining("is missing")
        .hasMessageContaining("pom.xml");
  }

  @Test
  void aPidFileOfAProcessThatIsGoneIsStaleAndRemoved() throws Exception {
    Process finished = new ProcessBuilder(javaExecutable(), "-version").start();
    finished.getInputStream().readAllBytes();
    finished.getErrorStream().readAllBytes();
    finished.waitFor(30, TimeUnit.SECONDS);
    Path pidFile = dataDir.resolve("cassandra.pid");
    Files.writeString(pidFile, finished.pid() + "\n");

    CassandraStatus status = launcher(EmbeddedCassandraSettings.onFreePorts(dataDir)).status();

    assertThat(status.running()).isFalse();
    assertThat(pidFile).doesNotExist();
    assertThat(messages)
        .singleElement()
        .asString()
        .contains("stale pid file", pidFile.toString(), "process " + finished.pid() + " is not running");
  }

  @Test
  void aPidFileWithoutANumberIsStaleAndRemoved() throws IOException {
    Path pidFile = dataDir.resolve("cassandra.pid");
    Files.writeString(pidFile, "not a pid");

    boolean stopped = launcher(EmbeddedCassandraSettings.onFreePorts(dataDir)).stop();

    assertThat(stopped).isFalse();
    assertThat(pidFile).doesNotExist();
    assertThat(messages.get(0)).contains("stale pid file", "does not hold a pid", "not a pid");
    assertThat(messages.get(1)).contains("not running");
  }

  @Test
  void aPidReusedByAnotherProgramIsStaleAndThatProgramIsLeftAlone() throws IOException {
    // This very JVM is alive but is not Cassandra.
    long me = ProcessHandle.current().pid();
    Path pidFile = dataDir.resolve("cassandra.pid");
    Files.writeString(pidFile, me + "\n");

    boolean stopped = launcher(EmbeddedCassandraSettings.onFreePorts(dataDir)).stop();

    assertThat(stopped).isFalse();
    assertThat(pidFile).doesNotExist();
    assertThat(messages.get(0)).contains("stale pid file", "is not Cassandra");
  }

  @Test
  void aRecordedNodeIsReportedRunningAndStoppedWithSigterm() throws Exception {
    // A stand-in whose command line names Cassandra's main class, as the real node's does.
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isExecutable(bash), "needs /bin/bash");
    Process standIn =
        new ProcessBuilder(bash.toString(), "-c", "sleep 60; true", EmbeddedCassandra.MAIN_CLASS).start();
    try {
      Files.writeString(dataDir.resolve("cassandra.pid"), standIn.pid() + "\n");
      EmbeddedCassandra launcher = launcher(EmbeddedCassandraSettings.onFreePorts(dataDir));

      CassandraStatus status = launcher.status();
      assertThat(status.running()).isTrue();
      assertThat(status.pid()).hasValue(standIn.pid());
      assertThat(status.describe()).contains("running", "pid " + standIn.pid());

      assertThatThrownBy(() -> launcher.start(emptyInstall()))
          .hasMessageContaining("already running")
          .hasMessageContaining("liqheat cassandra stop");

      assertThat(launcher.stop()).isTrue();
      assertThat(standIn.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(dataDir.resolve("cassandra.pid")).doesNotExist();
      assertThat(messages).anySatisfy(m -> assertThat(m).contains("Cassandra stopped"));
    } finally {
      standIn.destroyForcibly();
    }
  }

  @Test
  void readsJvmFlagsOnePerLineSplittingFlagAndValue() throws IOException {
    Path options = dataDir.resolve("jvm.options");
    Files.writeString(
        options, "# comment\n\n-Djdk.attach.allowAttachSelf=true\n  --add-opens java.base/java.io=ALL-UNNAMED  \n");

    assertThat(EmbeddedCassandra.readJvmOptions(options))
        .containsExactly("-Djdk.attach.allowAttachSelf=true", "--add-opens", "java.base/java.io=ALL-UNNAMED");
  }

  @Test
  void theCheckoutsJvmFlagsFileHasTheJava17Opens() {
    List<String> flags = EmbeddedCassandra.readJvmOptions(CassandraInstall.locate().jvmOptionsFile());

    assertThat(flags).contains("--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-exports");
    assertThat(flags).allSatisfy(flag -> assertThat(flag).doesNotContain(" "));
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
