package io.liqheat.http;

import io.liqheat.market.LiveFrame;
import io.liqheat.market.WindowClosed;
import io.liqheat.market.Windows;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What this node has heard of one market: the newest live frame and the recently frozen windows
 * (for volatility and for resuming SSE clients), the older of them read from the read side at start
 * ({@link RecentWindows}). Updated by one relay actor, read by any request
 * thread, hence synchronized; the critical sections are a few field reads.
 */
final class MarketLive {

  /** A day of five-minute windows. */
  static final int RECENT_WINDOWS = 288;

  private LiveFrame latest;
  private final Deque<WindowClosed> recent = new ArrayDeque<>();

  synchronized void update(LiveFrame frame) {
    if (latest == null || frame.asOfMs() >= latest.asOfMs()) {
      latest = frame;
    }
  }

  synchronized void closed(WindowClosed window) {
    if (!recent.isEmpty() && window.windowStartMs() <= recent.peekLast().windowStartMs()) {
      return;
    }
    recent.addLast(window);
    if (recent.size() > RECENT_WINDOWS) {
      recent.removeFirst();
    }
  }

  /**
   * Frozen windows read from the read side when the node starts, oldest first: those older than the
   * first window heard live go in front of it, newest first, until a day is held. A window heard
   * live is never replaced (it is the same window; the read side only lags).
   */
  synchronized void seed(List<WindowClosed> windows) {
    for (int i = windows.size() - 1; i >= 0 && recent.size() < RECENT_WINDOWS; i--) {
      WindowClosed window = windows.get(i);
      if (recent.isEmpty() || window.windowStartMs() < recent.peekFirst().windowStartMs()) {
        recent.addFirst(window);
      }
    }
  }

  synchronized LiveFrame latest() {
    return latest;
  }

  synchronized long lastFrozenWindowStart() {
    return recent.isEmpty() ? -1 : recent.peekLast().windowStartMs();
  }

  /** Frozen windows that started after {@code windowStartMs}, oldest first. */
  synchronized List<WindowClosed> closedAfter(long windowStartMs) {
    List<WindowClosed> after = new ArrayList<>();
    for (WindowClosed window : recent) {
      if (window.windowStartMs() > windowStartMs) {
        after.add(window);
      }
    }
    return after;
  }

  /**
   * The closes of the recent windows, oldest first, with NaN where a window is missing (one the read
   * side did not have yet when the node started, or that never froze), so that no return spans more
   * than five minutes: {@link ExpectedMove} skips the returns next to a NaN.
   */
  synchronized List<Double> recentCloses() {
    List<Double> closes = new ArrayList<>(recent.size());
    long previousStart = Long.MIN_VALUE;
    for (WindowClosed window : recent) {
      if (previousStart != Long.MIN_VALUE && window.windowStartMs() != previousStart + Windows.WINDOW_MS) {
        closes.add(Double.NaN);
      }
      closes.add(window.closePrice());
      previousStart = window.windowStartMs();
    }
    return closes;
  }
}
