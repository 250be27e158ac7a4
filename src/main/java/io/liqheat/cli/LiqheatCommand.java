package io.liqheat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of {@code bin/liqheat}. Each run mode is a subcommand in a class of its own.
 */
@Command(
    name = "liqheat",
    mixinStandardHelpOptions = true,
    versionProvider = LiqheatVersion.class,
    description = {
      "Estimated forced-liquidation density for perpetual futures.",
      "A research view, not a trading signal; cross-margin positions cannot be seen."
    },
    subcommands = {
      BacktestCommand.class,
      SampleCommand.class,
      ReplayCommand.class,
      CassandraCommand.class,
      SchemaCommand.class,
      FramesCommand.class,
      RebuildCommand.class,
      VerifyCommand.class,
      DemoCommand.class,
      SimulateCommand.class,
      ServeCommand.class,
      IngestLoadCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LiqheatCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    runCallbacksOnThePool();
    System.exit(newCommandLine().execute(args));
  }

  /**
   * On a machine with fewer than three cores the JVM's common pool has one thread, and then every
   * {@code CompletableFuture} callback without an executor of its own gets a new thread. Pekko's
   * Java {@code ask} answers turn even {@code handle} and {@code whenComplete} into such callbacks,
   * so each delivery to a market would start a thread (measured: ~40 a second from ingest alone on
   * this 2-core machine). Two pool threads avoid that. It must run before anything touches the
   * pool, so it is the first thing {@code main} does; an explicit {@code -D} setting wins.
   */
  static void runCallbacksOnThePool() {
    String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(key) == null) {
      System.setProperty(key, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
  }

  /** One place builds the command line, so tests run exactly what users run. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new LiqheatCommand());
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    return commandLine;
  }
}
