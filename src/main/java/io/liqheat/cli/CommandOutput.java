package io.liqheat.cli;

import com.typesafe.config.Config;
import io.liqheat.cassandra.CassandraMode;
import java.io.PrintWriter;

/** Progress lines of long-running commands: flushed at once, so a user watching sees them as they happen. */
final class CommandOutput {

  private CommandOutput() {}

  static void say(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }

  /**
   * Commands start the embedded node when it is not running and leave it running, so that the next
   * command starts in seconds; a user must still learn that a Cassandra JVM stays behind.
   */
  static void sayEmbeddedNodeKeepsRunning(PrintWriter out, Config config) {
    if (CassandraMode.of(config) == CassandraMode.EMBEDDED) {
      say(out, "the embedded Cassandra node keeps running after this command; stop it with: bin/liqheat cassandra stop");
    }
  }
}
