package io.liqheat.http;

import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.util.ByteString;

/**
 * The {@code frozen} event of each window as shown with each set of display parameters, rendered once
 * for every SSE client that is sent it. Windows of all markets freeze at the same five-minute
 * boundaries, so every client gets its notice at the same moment: rendered per client (the window's
 * bands cut for the client's parameters, then JSON), 10,000 subscribers made a burst of 11,500
 * renders that the load test saw as a p99 of 1.5-1.8 s in the seconds after the boundary. Resuming
 * clients (Last-Event-ID) share the renders too.
 */
final class FrozenEvents {

  /** Display parameters come from clients, so the number kept is bounded by dropping them all. */
  static final int MAX_EVENTS = 4096;

  /** A window is its market and start; the checksum tells apart one frozen under another model. */
  private record Key(MarketId market, long windowStartMs, String checksum, DisplayQuery query) {}

  private final ConcurrentHashMap<Key, ByteString> events = new ConcurrentHashMap<>();

  /** The event for {@code window} shown with {@code query}, rendered by {@code render} the first time. */
  ByteString event(WindowClosed window, DisplayQuery query, Supplier<ByteString> render) {
    if (events.size() >= MAX_EVENTS) {
      events.clear();
    }
    return events.computeIfAbsent(new Key(window.market(), window.windowStartMs(), window.checksum(), query),
        key -> render.get());
  }
}
