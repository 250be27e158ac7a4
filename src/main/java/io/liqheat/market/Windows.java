package io.liqheat.market;

/**
 * Frozen windows are {@code [k·300 s, (k+1)·300 s)} of exchange time, in UTC: aligned to the epoch,
 * so every node and every replay cuts them the same way.
 */
public final class Windows {

  public static final long WINDOW_MS = 300_000L;

  private Windows() {}

  public static long startOf(long timeMs) {
    return Math.floorDiv(timeMs, WINDOW_MS) * WINDOW_MS;
  }

  public static long endOf(long windowStartMs) {
    return windowStartMs + WINDOW_MS;
  }
}
