package io.liqheat.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The day partitions of {@code frames_by_market_day}: a window belongs to the UTC day of its start,
 * written {@code yyyy-MM-dd}. Exchange time is UTC throughout, so no other zone ever enters.
 */
public final class FrameDays {

  private FrameDays() {}

  /** The partition day of a window starting at {@code windowStartMs}. */
  public static String dayOf(long windowStartMs) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(windowStartMs), ZoneOffset.UTC).toString();
  }

  /** The days, ascending, that hold any window starting in {@code [fromMs, toMs)}; none when empty. */
  public static List<String> covering(long fromMs, long toMs) {
    List<String> days = new ArrayList<>();
    if (fromMs >= toMs) {
      return days;
    }
    LocalDate last = LocalDate.ofInstant(Instant.ofEpochMilli(toMs - 1), ZoneOffset.UTC);
    for (LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(fromMs), ZoneOffset.UTC);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      days.add(day.toString());
    }
    return days;
  }
}
