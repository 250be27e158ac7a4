package io.liqheat.http;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.Config;
import io.liqheat.history.CommandSessions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Asks Cassandra the cheapest question there is ({@code release_version} of the coordinator's
 * {@code system.local}) on a session of its own, built from {@code datastax-java-driver} like the
 * journal's. The session is opened on the first check and again after a failed open, so a node
 * started before Cassandra becomes ready once Cassandra is up; an open session reconnects by itself.
 */
final class CassandraProbe implements AutoCloseable {

  private static final SimpleStatement QUERY = SimpleStatement.newInstance("SELECT release_version FROM system.local");

  private final Config config;
  private final Duration timeout;
  private final Executor blocking;
  private CompletableFuture<CqlSession> session;
  private boolean closed;

  CassandraProbe(Config config, Duration timeout, Executor blocking) {
    this.config = config;
    this.timeout = timeout;
    this.blocking = blocking;
  }

  /** Empty when Cassandra answered within the timeout, else why not. */
  CompletionStage<Optional<String>> check() {
    return session()
        .thenCompose(cql -> cql.executeAsync(QUERY.setTimeout(timeout)))
        .thenApply(rows -> rows.one() == null
            ? Optional.of("Cassandra answered without a release_version")
            : Optional.<String>empty())
        .toCompletableFuture()
        .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
        .exceptionally(failure -> Optional.of("Cassandra at " + CommandSessions.contactPoints(config)
            + " did not answer: " + rootMessage(failure)));
  }

  private synchronized CompletableFuture<CqlSession> session() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the node is shutting down"));
    }
    if (session == null || session.isCompletedExceptionally()) {
      // Opening blocks for up to the driver's connect timeout: off the HTTP threads.
      session = CompletableFuture.supplyAsync(() -> CommandSessions.open(config), blocking);
    }
    return session;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (session != null) {
      session.thenAccept(CqlSession::closeAsync);
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
