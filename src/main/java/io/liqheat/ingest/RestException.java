package io.liqheat.ingest;

/** A REST call that failed with a status other than a rate limit. */
public final class RestException extends RuntimeException {

  private final int status;

  public RestException(String url, int status, String bodyExcerpt) {
    super(url + " answered " + status + ": " + bodyExcerpt);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
