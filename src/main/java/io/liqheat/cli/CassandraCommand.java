package io.liqheat.cli;

import io.liqheat.cassandra.CassandraStatus;
import io.liqheat.cassandra.EmbeddedCassandra;
import io.liqheat.cassandra.EmbeddedCassandraSettings;
import io.liqheat.cassandra.RunningCassandra;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code liqheat cassandra start|stop|status}: the embedded Cassandra node, configured by
 * {@code liqheat.cassandra.embedded}. The node outlives {@code start}; {@code stop} ends it.
 */
@Command(
    name = "cassandra",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the embedded Cassandra 5.0 node (its own JVM, 127.0.0.1 only) that keeps liqheat's history.",
      "Data dir, ports and heap come from liqheat.cassandra.embedded in the configuration."
    },
    subcommands = {
      CassandraCommand.Start.class,
      CassandraCommand.Stop.class,
      CassandraCommand.Status.class
    })
public final class CassandraCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The launcher for the configured node, printing its notices to the command's output. */
  private static EmbeddedCassandra launcher(ConfigFileOption config, PrintWriter out) {
    EmbeddedCassandraSettings settings = EmbeddedCassandraSettings.fromConfig(config.load());
    return new EmbeddedCassandra(
        settings,
        line -> {
          out.println(line);
          out.flush();
        });
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Starts the node and waits until it answers CQL. Resolves the Cassandra jars with Maven on first use.",
        "Does nothing when the node is already running."
      })
  static final class Start implements Callable<Integer> {
    @Mixin ConfigFileOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      EmbeddedCassandra cassandra = launcher(config, out);
      CassandraStatus status = cassandra.status();
      if (status.running()) {
        out.println(status.describe());
        out.flush();
        return 0;
      }
      // Not closed: the node is meant to outlive this command, until `liqheat cassandra stop`.
      RunningCassandra node = cassandra.start();
      out.printf(
          Locale.ROOT,
          "Cassandra %s is up: CQL %s:%d, pid %d, answered after %.1f s.%n",
          node.releaseVersion(),
          node.contactPoint().getHostString(),
          node.cqlPort(),
          node.pid(),
          node.startupTime().toMillis() / 1000.0);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stops the node cleanly (SIGTERM, so it flushes to disk; a kill only after stop-timeout).")
  static final class Stop implements Callable<Integer> {
    @Mixin ConfigFileOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      launcher(config, spec.commandLine().getOut()).stop();
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Says whether the node is running, with its pid and CQL port. Exit code 0 either way.")
  static final class Status implements Callable<Integer> {
    @Mixin ConfigFileOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println(launcher(config, out).status().describe());
      out.flush();
      return 0;
    }
  }
}
