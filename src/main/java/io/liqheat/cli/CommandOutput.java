package io.liqheat.cli;

import java.io.PrintWriter;

/** Progress lines of long-running commands: flushed at once, so a user watching sees them as they happen. */
final class CommandOutput {

  private CommandOutput() {}

  static void say(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
