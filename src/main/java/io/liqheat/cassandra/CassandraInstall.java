package io.liqheat.cassandra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the node's program comes from, as opposed to its data ({@link NodeLayout}): the jar folder,
 * the pom that fills it, and the JVM flags file. All of them live in the liqheat checkout, found
 * by {@link #locate()}.
 *
 * @param libDir the Cassandra jars, the node's whole classpath; never on the service classpath
 * @param nodePom {@code conf/cassandra/pom.xml}, which resolves the jars into {@code libDir}
 * @param jvmOptionsFile {@code conf/cassandra/jvm17.options}, the flags Cassandra needs on Java 17
 * @param logbackFile {@code conf/cassandra/logback.xml}, the node's own logging (to its stdout)
 */
public record CassandraInstall(Path libDir, Path nodePom, Path jvmOptionsFile, Path logbackFile) {

  /** Overrides where the liqheat checkout is; otherwise it is searched upwards from the working directory. */
  public static final String HOME_PROPERTY = "liqheat.home";

  public static final String HOME_ENV = "LIQHEAT_HOME";

  static final Path NODE_POM = Path.of("conf", "cassandra", "pom.xml");

  public CassandraInstall {
    libDir = libDir.toAbsolutePath().normalize();
    nodePom = nodePom.toAbsolutePath().normalize();
    jvmOptionsFile = jvmOptionsFile.toAbsolutePath().normalize();
    logbackFile = logbackFile.toAbsolutePath().normalize();
  }

  /** The CQL files that {@code liqheat schema apply} runs, next to the node's pom. */
  public Path schemaDir() {
    return nodePom.getParent().resolve("schema");
  }

  /** The standard places under a liqheat checkout. */
  public static CassandraInstall under(Path home) {
    Path cassandraConf = home.resolve("conf").resolve("cassandra");
    return new CassandraInstall(
        home.resolve("target").resolve("cassandra").resolve("lib"),
        cassandraConf.resolve("pom.xml"),
        cassandraConf.resolve("jvm17.options"),
        cassandraConf.resolve("logback.xml"));
  }

  /**
   * Finds the liqheat checkout: {@code -Dliqheat.home}, then {@code $LIQHEAT_HOME}, then the
   * nearest directory at or above the working directory that has {@code conf/cassandra/pom.xml}
   * (so tests, which run in the project directory, and a user in a sub-folder both find it).
   */
  public static CassandraInstall locate() {
    String explicit = System.getProperty(HOME_PROPERTY);
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getenv(HOME_ENV);
    }
    if (explicit != null && !explicit.isBlank()) {
      Path home = Path.of(explicit);
      if (!Files.isRegularFile(home.resolve(NODE_POM))) {
        throw new CassandraException(
            "liqheat home " + home.toAbsolutePath() + " (from -D" + HOME_PROPERTY + " or $" + HOME_ENV
                + ") has no " + NODE_POM);
      }
      return under(home);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(NODE_POM))) {
        return under(dir);
      }
    }
    throw new CassandraException(
        "cannot find " + NODE_POM + " in " + start + " or any folder above it;"
            + " run liqheat from its checkout or set $" + HOME_ENV);
  }
}
