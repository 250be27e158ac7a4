package io.liqheat.history;

import io.liqheat.market.MarketId;
import java.time.Instant;

/**
 * One thing {@code liqheat verify} found wrong: in a market's window, what was checked, what it
 * should be and what it is.
 *
 * @param market the market
 * @param windowStartMs the window's start, epoch ms
 * @param check what was compared, e.g. {@code journal checksum} or {@code read side v1 frame}
 * @param expected the value the check wants
 * @param found the value that is there
 */
public record Mismatch(MarketId market, long windowStartMs, String check, String expected, String found) {

  /** One line: {@code binance:BTCUSDT 2026-11-20T23:55:00Z (1795132500000) journal checksum: expected …, found …}. */
  public String line() {
    return market + " " + Instant.ofEpochMilli(windowStartMs) + " (" + windowStartMs + ") " + check
        + ": expected " + expected + ", found " + found;
  }

  /** A value as a report shows it: the empty checksum a market's first window chains to is {@code (none)}. */
  static String shown(String value) {
    return value == null || value.isEmpty() ? "(none)" : value;
  }
}
