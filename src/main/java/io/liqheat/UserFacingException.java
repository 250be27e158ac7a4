package io.liqheat;

/**
 * Marks an exception whose message is meant for the person at the terminal: a bad input file, a
 * bad configuration key, a malformed market id. The command line prints it as one line with exit
 * code 2 instead of a stack trace. It lives outside every domain package so that each of them can
 * mark its own user errors without depending on the command line.
 */
public interface UserFacingException {
  String getMessage();
}
