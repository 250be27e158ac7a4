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
    System.exit(newCommandLine().execute(args));
  }

  /** One place builds the command line, so tests run exactly what users run. */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new LiqheatCommand());
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    return commandLine;
  }
}
