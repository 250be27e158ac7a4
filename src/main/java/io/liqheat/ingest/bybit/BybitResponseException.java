package io.liqheat.ingest.bybit;

/**
 * A Bybit REST answer that cannot be used: an API error (Bybit answers HTTP 200 with
 * {@code retCode != 0}) or a body of the wrong shape. {@link #reason()} is short and stable, for
 * counters; the message adds Bybit's own text.
 */
public final class BybitResponseException extends RuntimeException {

  private final String reason;
  private final int retCode;

  private BybitResponseException(String reason, int retCode, String detail) {
    super(detail == null || detail.isEmpty() ? reason : reason + ": " + detail);
    this.reason = reason;
    this.retCode = retCode;
  }

  static BybitResponseException apiError(int retCode, String retMsg) {
    return new BybitResponseException("retCode " + retCode, retCode, retMsg);
  }

  static BybitResponseException malformed(String reason) {
    return new BybitResponseException(reason, 0, null);
  }

  public String reason() {
    return reason;
  }

  /** Bybit's error code, or 0 when the body itself was malformed. */
  public int retCode() {
    return retCode;
  }
}
