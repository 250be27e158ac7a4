package io.liqheat.market;

import io.liqheat.UserFacingException;

/** A market id that is not {@code exchange:SYMBOL} with a known exchange and a well-formed symbol. */
public final class InvalidMarketIdException extends IllegalArgumentException implements UserFacingException {
  public InvalidMarketIdException(String message) {
    super(message);
  }
}
