package io.liqheat.http;

import io.liqheat.market.LiveFrame;
import io.liqheat.market.WindowClosed;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What this node has heard of one market: the newest live frame and the recently frozen windows
 * (for volatility and for resuming SSE clients). Updated by one relay actor, read by any request
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

  synchronized List<Double> recentCloses() {
    List<Double> closes = new ArrayList<>(recent.size());
    recent.forEach(window -> closes.add(window.closePrice()));
    return closes;
  }
}
