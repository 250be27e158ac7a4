package io.liqheat.http;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code from}/{@code to} of a history request: windows starting in {@code [fromMs, toMs)}.
 * Each is an ISO-8601 instant ({@code 2026-11-20T23:50:00Z}, an offset instead of Z is accepted) or
 * epoch milliseconds. {@code to} defaults to now, {@code from} to 24 hours before {@code to}.
 */
public record TimeRange(long fromMs, long toMs) {

  static final Duration DEFAULT_SPAN = Duration.ofHours(24);

  /** Reads the range, refusing malformed times, {@code from > to} and spans above {@code maxSpan} with a 400. */
  static TimeRange from(Map<String, String> params, Clock clock, Duration maxSpan) {
    long to = params.containsKey("to") ? instant("to", params.get("to")) : clock.millis();
    long from = params.containsKey("from") ? instant("from", params.get("from")) : to - DEFAULT_SPAN.toMillis();
    if (from > to) {
      throw ApiException.badRequest("from (" + Instant.ofEpochMilli(from) + ") is after to (" + Instant.ofEpochMilli(to) + ")");
    }
    if (to - from > maxSpan.toMillis()) {
      throw ApiException.badRequest("from..to spans " + Duration.ofMillis(to - from) + ", more than the "
          + maxSpan + " one request may ask for (liqheat.http.history.max-span)");
    }
    return new TimeRange(from, to);
  }

  private static long instant(String name, String text) {
    String trimmed = text.trim();
    try {
      long ms = trimmed.matches("-?\\d{1,19}") ? Long.parseLong(trimmed) : Instant.parse(trimmed).toEpochMilli();
      if (ms < 0) {
        throw ApiException.badRequest(name + " must not be before 1970-01-01T00:00:00Z, was '" + text + "'");
      }
      return ms;
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      throw ApiException.badRequest(name + " must be an ISO-8601 instant (2026-11-20T23:50:00Z) or epoch milliseconds, was '"
          + text + "'");
    }
  }
}
