package io.liqheat.http;

import io.liqheat.market.LiveFrame;
import io.liqheat.market.LiveUpdate;
import io.liqheat.market.WindowClosed;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What an SSE client has not been sent yet, conflated: whether any live frame arrived (only the
 * newest matters, and the hub has it) and the frozen windows, of which at most {@link #MAX_FROZEN}
 * are kept. Memory per client is bounded whatever its speed.
 */
final class PendingUpdates {

  static final int MAX_FROZEN = 32;

  private boolean frameChanged;
  private long newestPublishedMs = Long.MIN_VALUE;
  private final Deque<WindowClosed> frozen = new ArrayDeque<>();

  void add(LiveUpdate update) {
    if (update instanceof LiveFrame frame) {
      frameChanged = true;
      newestPublishedMs = Math.max(newestPublishedMs, frame.publishedMs());
    } else if (update instanceof WindowClosed window) {
      frozen.addLast(window);
      if (frozen.size() > MAX_FROZEN) {
        frozen.removeFirst();
      }
    }
  }

  boolean hasFrozen() {
    return !frozen.isEmpty();
  }

  boolean hasFrameChanged() {
    return frameChanged;
  }

  /** The oldest frozen window not sent yet, taken from what is pending; null when there is none. */
  WindowClosed takeFrozen() {
    return frozen.pollFirst();
  }

  /** Whether a frame arrived since the last call, which clears it. */
  boolean takeFrameChanged() {
    boolean changed = frameChanged;
    frameChanged = false;
    return changed;
  }

  /** When the newest frame taken was published. */
  long newestPublishedMs() {
    return newestPublishedMs;
  }
}
