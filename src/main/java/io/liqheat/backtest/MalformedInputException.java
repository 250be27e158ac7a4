package io.liqheat.backtest;

import io.liqheat.UserFacingException;

/** A row of an input file that cannot be used. The message names the file and line. */
public final class MalformedInputException extends RuntimeException implements UserFacingException {
  public MalformedInputException(String message) {
    super(message);
  }
}
