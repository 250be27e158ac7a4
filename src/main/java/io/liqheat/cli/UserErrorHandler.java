package io.liqheat.cli;

import io.liqheat.UserFacingException;
import picocli.CommandLine;

/**
 * Turns the exceptions that describe a user's mistake (bad input file, bad configuration, a
 * malformed market id) into one clear line on stderr and exit code 2, instead of a stack trace.
 * Anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static final int USER_ERROR_EXIT = 2;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult)
      throws Exception {
    if (exception instanceof UserFacingException) {
      commandLine.getErr().println("liqheat: " + exception.getMessage());
      commandLine.getErr().flush();
      return USER_ERROR_EXIT;
    }
    throw exception;
  }
}
