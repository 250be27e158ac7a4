package io.liqheat.http;

import io.liqheat.market.LiveFrame;
import io.liqheat.market.MarketId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The newest rendering of each live view (subject, markets, display parameters), shared by every SSE
 * client of that view. On a recompute the first client to ask renders it (band extraction, nearest
 * clusters, JSON, the encoded {@code bands} event) and the others reuse it, so that work is per
 * distinct view and update, not per client: the load test showed it dominating server CPU at
 * thousands of clients.
 *
 * <p>An entry is reused only while every market's newest frame is the very same object and its last
 * frozen window is unchanged, the only inputs of a view. The inputs are read before rendering, so a
 * reused view is never older than what the asking client saw.
 */
final class SharedViews {

  /** Display parameters come from clients, so the number of views is bounded by dropping them all. */
  static final int MAX_VIEWS = 1024;

  /**
   * What identifies a view. Its hash is computed once: an SSE stream keeps its key and asks with it
   * on every update, and a record's hash would walk the markets and the query each time.
   */
  static final class Key {
    private final String subject;
    private final List<MarketId> markets;
    private final DisplayQuery query;
    private final int hash;

    Key(String subject, List<MarketId> markets, DisplayQuery query) {
      this.subject = subject;
      this.markets = List.copyOf(markets);
      this.query = query;
      this.hash = Objects.hash(subject, this.markets, query);
    }

    String subject() {
      return subject;
    }

    List<MarketId> markets() {
      return markets;
    }

    DisplayQuery query() {
      return query;
    }

    @Override
    public boolean equals(Object other) {
      return other == this || (other instanceof Key key && hash == key.hash && subject.equals(key.subject)
          && markets.equals(key.markets) && query.equals(key.query));
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private record Cached(LiveFrame[] frames, long[] lastFrozen, RenderedView view) {

    boolean renderedFrom(LiveFrame[] otherFrames, long[] otherLastFrozen) {
      for (int i = 0; i < frames.length; i++) {
        // Identity, not equals: a new frame is a new object, and equals would compare whole densities.
        if (frames[i] != otherFrames[i] || lastFrozen[i] != otherLastFrozen[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private final ConcurrentHashMap<Key, Cached> views = new ConcurrentHashMap<>();

  /**
   * The view for the markets' current state, rendered by {@code render} only when no client has
   * rendered this state yet.
   */
  RenderedView view(Key key, LiveHub hub, Supplier<RenderedView> render) {
    List<MarketId> markets = key.markets();
    LiveFrame[] frames = new LiveFrame[markets.size()];
    long[] lastFrozen = new long[markets.size()];
    for (int i = 0; i < frames.length; i++) {
      MarketLive live = hub.state(markets.get(i));
      frames[i] = live.latest();
      lastFrozen[i] = live.lastFrozenWindowStart();
    }
    Cached cached = views.get(key);
    if (cached != null && cached.renderedFrom(frames, lastFrozen)) {
      return cached.view();
    }
    RenderedView view = render.get();
    if (views.size() >= MAX_VIEWS) {
      views.clear();
    }
    views.put(key, new Cached(frames, lastFrozen, view));
    return view;
  }
}
