package io.liqheat.ingest.okx;

/**
 * OKX answered HTTP 200 with a {@code code} other than {@code "0"}: OKX reports request errors
 * (e.g. 51001, instrument does not exist) in the body, not in the status.
 */
public final class OkxApiException extends RuntimeException {

  /** OKX's code for an instrument id it does not know. */
  public static final String INSTRUMENT_DOES_NOT_EXIST = "51001";

  private final String code;

  public OkxApiException(String code, String message) {
    super("OKX error " + code + ": " + message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
