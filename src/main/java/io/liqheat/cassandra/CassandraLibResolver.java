package io.liqheat.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes sure the Cassandra jars are in {@link CassandraInstall#libDir()}, running Maven on
 * {@code conf/cassandra/pom.xml} the first time they are missing.
 *
 * <p>Why on demand, from the launcher, rather than from an execution in the root pom:
 *
 * <ul>
 *   <li>One path serves every entry point: {@code bin/liqheat cassandra start}, {@code demo} and
 *       the integration tests all go through {@link EmbeddedCassandra#start()}.
 *   <li>It survives {@code mvn clean}: the folder is under {@code target/} and simply comes back
 *       the next time a node starts, where a build-time step would leave the CLI broken until the
 *       next full build.
 *   <li>Builds that never start a node ({@code mvn package -DskipTests}, unit tests) do not pay for
 *       a second Maven run or a 70 MB download.
 *   <li>It needs only what building liqheat already needs: Maven and Maven Central (or the local
 *       repository). Maven is found through {@code -Dliqheat.maven}, {@code -Dmaven.home}
 *       (failsafe passes it on), {@code $MAVEN_HOME}, {@code $M2_HOME} or the {@code PATH}.
 * </ul>
 *
 * <p>Maven writes into a scratch folder that is renamed into place only when complete, under a file
 * lock, so an interrupted or concurrent resolution never leaves a half-filled classpath behind.
 */
public final class CassandraLibResolver {

  /** Path to an {@code mvn} executable to use instead of searching for one. */
  public static final String MAVEN_PROPERTY = "liqheat.maven";

  /** First resolution downloads about 70 MB; this only guards against a hung Maven. */
  private static final long MAVEN_TIMEOUT_MINUTES = 20;

  private static final int LOG_TAIL_LINES = 30;

  private final CassandraInstall install;
  private final Consumer<String> out;

  public CassandraLibResolver(CassandraInstall install, Consumer<String> out) {
    this.install = install;
    this.out = out;
  }

  /** True when the folder holds a cassandra-all jar, i.e. a previous resolution completed. */
  public boolean isResolved() {
    return cassandraJar(install.libDir()).isPresent();
  }

  /** The cassandra-all jar's file name, e.g. {@code cassandra-all-5.0.9.jar}, for messages. */
  public Optional<String> cassandraJarName() {
    return cassandraJar(install.libDir()).map(jar -> jar.getFileName().toString());
  }

  /** Returns the lib folder, resolving it first when it is missing. */
  public Path ensureResolved() {
    if (isResolved()) {
      return install.libDir();
    }
    if (!Files.isRegularFile(install.nodePom())) {
      throw new CassandraException(
          "the Cassandra jar folder " + install.libDir() + " is missing, and so is "
              + install.nodePom() + ", which would resolve it");
    }
    Path parent = install.libDir().getParent();
    try {
      Files.createDirectories(parent);
      try (FileChannel channel =
          FileChannel.open(
              parent.resolve(".resolve.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          // Another process may have finished while we waited for the lock.
          if (!isResolved()) {
            resolveWithMaven(parent);
          }
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + install.libDir(), e);
    }
    return install.libDir();
  }

  private void resolveWithMaven(Path parent) throws IOException {
    Path scratch = parent.resolve("lib.partial");
    deleteRecursively(scratch);
    Path mavenLog = parent.resolve("resolve.log");
    String mvn = findMaven();
    List<String> command =
        List.of(
            mvn,
            "-B",
            "-q",
            "-Dstyle.color=never",
            "-f",
            install.nodePom().toString(),
            "package",
            "-Dliqheat.cassandra.lib=" + scratch);
    out.accept(
        "Cassandra jars are missing from " + install.libDir()
            + "; resolving them with Maven (first time only, about 70 MB)...");
    Process maven =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(mavenLog.toFile())
            .start();
    maven.getOutputStream().close();
    boolean finished;
    try {
      finished = maven.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      maven.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CassandraException("interrupted while resolving the Cassandra jars");
    }
    if (!finished) {
      maven.destroyForcibly();
      throw new CassandraException(
          "Maven did not finish resolving the Cassandra jars within " + MAVEN_TIMEOUT_MINUTES
              + " minutes; see " + mavenLog);
    }
    if (maven.exitValue() != 0 || cassandraJar(scratch).isEmpty()) {
      throw new CassandraException(
          "could not resolve the Cassandra jars: `" + String.join(" ", command) + "` exited with "
              + maven.exitValue() + "\n" + LogTail.describe(mavenLog, LOG_TAIL_LINES));
    }
    deleteRecursively(install.libDir());
    Files.move(scratch, install.libDir(), StandardCopyOption.ATOMIC_MOVE);
    out.accept("Cassandra jars resolved into " + install.libDir());
  }

  /** Finds {@code mvn}; see the class comment for the order. */
  static String findMaven() {
    String explicit = System.getProperty(MAVEN_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    List<String> homes = new ArrayList<>();
    homes.add(System.getProperty("maven.home"));
    homes.add(System.getenv("MAVEN_HOME"));
    homes.add(System.getenv("M2_HOME"));
    for (String home : homes) {
      if (home != null && !home.isBlank()) {
        Optional<Path> mvn = executableIn(Path.of(home, "bin"));
        if (mvn.isPresent()) {
          return mvn.get().toString();
        }
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          Optional<Path> mvn = executableIn(Path.of(dir));
          if (mvn.isPresent()) {
            return mvn.get().toString();
          }
        }
      }
    }
    throw new CassandraException(
        "the Cassandra jars are not resolved yet and Maven (mvn) was not found on the PATH,"
            + " in $MAVEN_HOME or in $M2_HOME; install Maven or pass -D" + MAVEN_PROPERTY + "=/path/to/mvn");
  }

  private static Optional<Path> executableIn(Path dir) {
    boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    for (String name : windows ? List.of("mvn.cmd", "mvn.bat") : List.of("mvn")) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> cassandraJar(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().matches("cassandra-all-.*\\.jar"))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
