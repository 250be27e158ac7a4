package io.liqheat.cassandra;

import io.liqheat.UserFacingException;

/**
 * A problem with the embedded Cassandra node that the person running it can act on: a port in use,
 * a bad setting, a node that did not come up. The message says what happened and what to do; the
 * CLI prints it as one line (plus the log tail, when there is one) instead of a stack trace.
 */
public final class CassandraException extends RuntimeException implements UserFacingException {

  private static final long serialVersionUID = 1L;

  public CassandraException(String message) {
    super(message);
  }

  public CassandraException(String message, Throwable cause) {
    super(message, cause);
  }
}
