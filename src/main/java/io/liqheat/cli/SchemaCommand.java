package io.liqheat.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.liqheat.cassandra.CassandraException;
import io.liqheat.cassandra.CassandraInstall;
import io.liqheat.cassandra.CqlSessions;
import io.liqheat.cassandra.EmbeddedCassandraSettings;
import io.liqheat.cassandra.Ports;
import io.liqheat.cassandra.SchemaApplier;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code liqheat schema apply}: creates the keyspaces and tables from the CQL files in conf/cassandra/schema. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Cassandra schema: keyspaces and tables for the journal, snapshots and read side.",
    subcommands = {SchemaCommand.Apply.class})
public final class SchemaCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description = {
        "Applies every .cql file of the schema folder, in file-name order. Idempotent: every CREATE says IF NOT EXISTS,",
        "so running it again changes nothing. By default it targets the embedded node (liqheat.cassandra.embedded.cql-port)."
      })
  static final class Apply implements Callable<Integer> {
    @Mixin ConfigFileOption config;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Folder of .cql files (default: conf/cassandra/schema of the liqheat checkout).")
    Path dir;

    @Option(
        names = "--contact-point",
        paramLabel = "HOST:PORT",
        description = "Node to connect to (default: 127.0.0.1 and the embedded node's CQL port).")
    String contactPoint;

    @Option(
        names = "--datacenter",
        paramLabel = "DC",
        description = "The driver's local data center (default: ${DEFAULT-VALUE}, the embedded node's).")
    String datacenter = "datacenter1";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = this.dir != null ? this.dir : CassandraInstall.locate().schemaDir();
      // Check the files before connecting: a typo is reported even with no node running.
      SchemaApplier.schemaFiles(dir).forEach(SchemaApplier::statements);
      InetSocketAddress target = target();
      int statements;
      try (CqlSession session = CqlSessions.connect(target, datacenter)) {
        statements =
            new SchemaApplier(
                    session,
                    line -> {
                      out.println(line);
                      out.flush();
                    })
                .applyDirectory(dir);
      } catch (DriverException e) {
        throw new CassandraException(
            "cannot reach Cassandra at " + target.getHostString() + ":" + target.getPort() + " ("
                + e.getMessage() + "); is it running? `liqheat cassandra status` tells");
      }
      out.println(
          "Schema applied: " + statements + " statements from " + dir + " to "
              + target.getHostString() + ":" + target.getPort());
      out.flush();
      return 0;
    }

    private InetSocketAddress target() {
      if (contactPoint == null) {
        int port = EmbeddedCassandraSettings.fromConfig(config.load()).cqlPort();
        return new InetSocketAddress(Ports.HOST, port);
      }
      int colon = contactPoint.lastIndexOf(':');
      try {
        if (colon <= 0) {
          throw new NumberFormatException();
        }
        int port = Integer.parseInt(contactPoint.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new NumberFormatException();
        }
        return new InetSocketAddress(contactPoint.substring(0, colon), port);
      } catch (NumberFormatException e) {
        throw new ConfigLoader.ConfigurationException(
            "--contact-point must be HOST:PORT with a port between 1 and 65535, was '" + contactPoint + "'");
      }
    }
  }
}
