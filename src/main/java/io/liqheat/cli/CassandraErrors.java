package io.liqheat.cli;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.typesafe.config.Config;
import io.liqheat.cassandra.CassandraException;
import io.liqheat.history.CommandSessions;
import java.util.List;
import java.util.Optional;

/** The driver's failures as the commands that read or write the read side report them. */
final class CassandraErrors {

  private CassandraErrors() {}

  /** One line the person can act on, instead of the driver's stack trace. */
  static CassandraException explain(DriverException e, Config loaded) {
    String where = CommandSessions.contactPoints(loaded);
    if (e instanceof AllNodesFailedException failed) {
      Optional<Throwable> refused =
          failed.getAllErrors().values().stream()
              .flatMap(List::stream)
              .filter(error -> error instanceof AuthenticationException)
              .findFirst();
      if (refused.isPresent()) {
        return new CassandraException(
            "Cassandra at " + where + " refused the credentials (" + oneLine(refused.get().getMessage())
                + "); check datastax-java-driver.advanced.auth-provider");
      }
      return new CassandraException(
          "cannot reach Cassandra at " + where + " (datastax-java-driver.basic.contact-points); is it running?"
              + " `liqheat cassandra status` tells");
    }
    // Missing keyspace, table or column: the schema was never applied here, or predates this build.
    if (e instanceof InvalidQueryException) {
      return new CassandraException(
          "the read-side tables at " + where + " do not match this build (" + oneLine(e.getMessage())
              + "); run `liqheat schema apply`, or rebuild them as conf/cassandra/schema/03-read-side.cql explains");
    }
    return new CassandraException("Cassandra at " + where + " failed the query: " + oneLine(e.getMessage()));
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
