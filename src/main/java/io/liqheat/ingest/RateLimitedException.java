package io.liqheat.ingest;

import java.time.Duration;

/** The exchange answered 429 (too many requests) or 418 (banned for ignoring 429s). */
public final class RateLimitedException extends RuntimeException {

  private final int status;
  private final Duration retryAfter;

  public RateLimitedException(String url, int status, Duration retryAfter) {
    super(url + " answered " + status + "; retrying after " + retryAfter.toSeconds() + " s");
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
