package io.liqheat.market;


/** A market id that is not {@code exchange:SYMBOL} with a known exchange and a well-formed symbol. */
public final class InvalidMarketIdException extends IllegalArgumentException {
  public InvalidMarketIdException(String message) {
    super(message);
  }
}
