package io.liqheat.cli;

/** Marks an exception whose message is meant for the person at the terminal. */
public interface UserFacingException {
  String getMessage();
}
