package io.liqheat.http;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The failure behind the wrappers that futures put around it, for logs and for telling failures apart. */
final class AsyncFailures {

  private AsyncFailures() {}

  /** {@code failure} without its {@link CompletionException} and {@link ExecutionException} wrappers. */
  static Throwable unwrapped(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
