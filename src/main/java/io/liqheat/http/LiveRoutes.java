package io.liqheat.http;

import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.market.Exchange;
import io.liqheat.market.InvalidMarketIdException;
import io.liqheat.market.LiveFrame;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketState;
import io.liqheat.market.MarketStatus;
import io.liqheat.market.WindowClosed;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Rejected;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The live half of the API: the market list, live bands per market and per asset, and their SSE
 * streams. History lives in {@link HistoryRoutes}.
 *
 * <p>SSE events: {@code snapshot} on connect, {@code bands} on every recompute, {@code frozen} when a
 * window freezes. Every event's id is the start of the newest frozen window the client has been
 * told of; a client reconnecting with {@code Last-Event-ID} gets the frozen windows after it (from
 * the day this node keeps in memory), then a snapshot.
 *
 * <p>Events go out already encoded ({@link SseEncoding}): a {@code bands} event is one
 * {@link ByteString} per view and update, written as is to every client of that view.
 */
public final class LiveRoutes extends AllDirectives {

  private final LiveHub hub;
  private final HttpSettings settings;
  private final SseLimiter limiter;
  private final SharedViews sharedViews = new SharedViews();
  private final FrozenEvents frozenEvents = new FrozenEvents();
  private final Function<MarketId, CompletionStage<MarketStatus>> status;
  private final Supplier<List<ConnectorStatus>> connectors;
  private final PublishToSend publishToSend;
  private final Heartbeats heartbeats;

  public LiveRoutes(LiveHub hub, HttpSettings settings, Heartbeats heartbeats,
      Function<MarketId, CompletionStage<MarketStatus>> status, Supplier<List<ConnectorStatus>> connectors) {
    this(hub, settings, heartbeats, status, connectors, PublishToSend.IGNORED);
  }

  public LiveRoutes(LiveHub hub, HttpSettings settings, Heartbeats heartbeats,
      Function<MarketId, CompletionStage<MarketStatus>> status, Supplier<List<ConnectorStatus>> connectors,
      PublishToSend publishToSend) {
    this.publishToSend = publishToSend;
    this.heartbeats = heartbeats;
    this.hub = hub;
    this.settings = settings;
    this.limiter = new SseLimiter(settings.sseMaxPerClient());
    this.status = status;
    this.connectors = connectors;
  }

  /** Open SSE streams on this node, for metrics. */
  public int sseClients() {
    return limiter.total();
  }

  public Route route() {
    return concat(
        pathPrefix("markets", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> onSuccess(markets(), list -> complete(StatusCodes.OK, list, ApiMarshal.json())))),
            pathPrefix(PathMatchers.segment(), id -> {
              MarketId market = knownMarket(id);
              return pathPrefix("bands", () -> concat(
                  pathEndOrSingleSlash(() -> get(() -> parameterMap(params ->
                      complete(StatusCodes.OK, marketView(market, DisplayQuery.from(params)), ApiMarshal.json())))),
                  path("stream", () -> get(() -> parameterMap(params ->
                      stream(List.of(market), market.toString(), DisplayQuery.from(params)))))));
            }))),
        pathPrefix("assets", () -> pathPrefix(PathMatchers.segment(), asset -> pathPrefix("bands", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> parameterMap(params -> {
              List<MarketId> markets = assetMarkets(asset, params);
              return complete(StatusCodes.OK, view(asset.toUpperCase(java.util.Locale.ROOT), markets, DisplayQuery.from(params)),
                  ApiMarshal.json());
            }))),
            path("stream", () -> get(() -> parameterMap(params -> {
              List<MarketId> markets = assetMarkets(asset, params);
              return stream(markets, asset.toUpperCase(java.util.Locale.ROOT), DisplayQuery.from(params));
            }))))))));
  }

  private MarketId knownMarket(String id) {
    return KnownMarkets.require(id, hub::has);
  }

  /** The asset's markets on the exchanges of {@code ?exchanges=a,b} (default: all). */
  private List<MarketId> assetMarkets(String asset, Map<String, String> params) {
    Set<Exchange> exchanges = EnumSet.allOf(Exchange.class);
    String filter = params.get("exchanges");
    if (filter != null) {
      exchanges = EnumSet.noneOf(Exchange.class);
      for (String id : filter.split(",")) {
        try {
          exchanges.add(Exchange.fromId(id.trim()));
        } catch (InvalidMarketIdException e) {
          throw ApiException.badRequest("exchanges: " + e.getMessage());
        }
      }
    }
    List<MarketId> markets = hub.assetMarkets(asset, exchanges);
    if (markets.isEmpty()) {
      throw ApiException.notFound("no market of asset '" + asset + "' on " + exchanges.stream().map(Exchange::id).toList());
    }
    return markets;
  }

  private BandsView marketView(MarketId market, DisplayQuery query) {
    return view(market.toString(), List.of(market), query);
  }

  private BandsView view(String subject, List<MarketId> markets, DisplayQuery query) {
    List<LiveFrame> frames = new ArrayList<>();
    List<List<Double>> closes = new ArrayList<>();
    long lastFrozen = -1;
    for (MarketId market : markets) {
      MarketLive live = hub.state(market);
      frames.add(live.latest());
      closes.add(live.recentCloses());
      lastFrozen = Math.max(lastFrozen, live.lastFrozenWindowStart());
    }
    return BandsViews.of(subject, markets, frames, closes, lastFrozen, query, settings.nearestHorizon());
  }

  private Route stream(List<MarketId> markets, String subject, DisplayQuery query) {
    return extractRequest(request -> optionalHeaderValueByName("Last-Event-ID", lastEventId -> {
      String client = clientAddress(request);
      long resumeAfter = lastEventId.map(LiveRoutes::eventId).orElse(Long.MAX_VALUE);
      if (!limiter.acquire(client)) {
        throw ApiException.tooManyRequests("this client already holds " + settings.sseMaxPerClient()
            + " streams (liqheat.http.sse.max-per-client)");
      }
      // Released when the stream ends, or at once when the request is refused after all (a 406 when it
      // does not accept an event stream), whichever comes first; never twice.
      AtomicBoolean held = new AtomicBoolean(true);
      Runnable release = () -> {
        if (held.getAndSet(false)) {
          limiter.release(client);
        }
      };
      SharedViews.Key view = new SharedViews.Key(subject, markets, query);
      LiveEvents.Content content = new LiveEvents.Content() {
        @Override
        public List<ByteString> opening() {
          List<ByteString> events = resumed(markets, resumeAfter, query);
          events.add(sharedView(view).snapshotEvent());
          return events;
        }

        @Override
        public ByteString frozen(WindowClosed window) {
          return frozenEvent(window, query);
        }

        @Override
        public ByteString bands() {
          return sharedView(view).bandsEvent();
        }
      };
      Source<ByteString, NotUsed> events = Source.fromGraph(new LiveEvents(hub, markets, content, heartbeats,
          publishToSend, release));
      return mapRouteResult(result -> {
        if (result instanceof Rejected) {
          release.run();
        }
        return result;
      }, () -> complete(events, SseEncoding.TO_EVENT_STREAM));
    }));
  }

  /**
   * The address the request's TCP connection comes from, the key of the per-client stream limit.
   *
   * <p>Not Pekko's {@code extractClientIP}: that believes {@code X-Forwarded-For} and {@code X-Real-IP},
   * which any client may send. A client could then escape the limit with a fresh header per stream,
   * or name someone else's address and use up that address's streams. The socket's address cannot be
   * made up. Behind a reverse proxy every viewer shares the proxy's address, so the limit must be
   * raised there (or enforced by the proxy). {@link ApiServer} has Pekko attach the address to every
   * request.
   */
  private static String clientAddress(HttpRequest request) {
    return request.getAttribute(AttributeKeys.remoteAddress)
        .flatMap(RemoteAddress::getAddress)
        .map(InetAddress::getHostAddress)
        .orElse("unknown");
  }

  /** The frozen windows after {@code after} (a client's Last-Event-ID), oldest first, as events. */
  private List<ByteString> resumed(List<MarketId> markets, long after, DisplayQuery query) {
    List<ByteString> events = new ArrayList<>();
    if (after == Long.MAX_VALUE) {
      return events;
    }
    List<WindowClosed> windows = new ArrayList<>();
    for (MarketId market : markets) {
      windows.addAll(hub.state(market).closedAfter(after));
    }
    windows.sort(Comparator.comparingLong(WindowClosed::windowStartMs));
    windows.forEach(window -> events.add(frozenEvent(window, query)));
    return events;
  }

  /** The view as of now, rendered once per update for all clients of the same view. */
  private RenderedView sharedView(SharedViews.Key key) {
    return sharedViews.view(key, hub, () -> {
      BandsView view = view(key.subject(), key.markets(), key.query());
      return RenderedView.of(ApiJson.write(view), Long.toString(view.lastFrozenWindowStart()));
    });
  }

  private ByteString frozenEvent(WindowClosed window, DisplayQuery query) {
    return frozenEvents.event(window, query, () ->
        SseEncoding.event("frozen", Long.toString(window.windowStartMs()), ApiJson.write(FrozenWindowDto.of(window, query))));
  }

  private static long eventId(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Last-Event-ID must be an id this stream sent (a window start in epoch ms), was '" + id + "'");
    }
  }

  private CompletionStage<List<MarketSummary>> markets() {
    List<ConnectorStatus> running = connectors.get();
    List<CompletableFuture<MarketSummary>> summaries = new ArrayList<>();
    for (MarketId market : hub.markets()) {
      summaries.add(status.apply(market)
          .thenApply(Optional::of)
          .exceptionally(failure -> Optional.empty())
          .thenApply(found -> summary(market, found.orElse(null), running))
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(summaries.toArray(CompletableFuture[]::new))
        .thenApply(all -> summaries.stream().map(CompletableFuture::join).toList());
  }

  private static MarketSummary summary(MarketId market, MarketStatus status, List<ConnectorStatus> running) {
    // The connection that streams this market, not any of its exchange's: Binance splits markets over
    // several connections, each in its own state. None is known while the connector is still finding
    // out which markets it can stream, when it skipped the market, or when it has not answered.
    String connector = "unknown";
    Long lastMessage = null;
    for (ConnectorStatus candidate : running) {
      if (candidate.carried().contains(market)) {
        connector = candidate.state().id();
        lastMessage = candidate.lastMessageMs() == 0 ? null : candidate.lastMessageMs();
        break;
      }
    }
    if (status == null) {
      return new MarketSummary(market.toString(), market.exchange().id(), market.symbol(), market.baseAsset(), connector,
          lastMessage, null, null, 0, new MarketSummary.Counters(0, 0, 0, 0));
    }
    Long lastInput = status.counters().lastInputMs() == MarketState.NONE ? null : status.counters().lastInputMs();
    Long lastFrozen = status.framesFrozen() == 0 ? null : status.lastFrozenWindowStartMs();
    return new MarketSummary(market.toString(), market.exchange().id(), market.symbol(), market.baseAsset(), connector,
        lastMessage, lastInput, lastFrozen, status.framesFrozen(), new MarketSummary.Counters(
            status.counters().trades(), status.counters().invalid(), status.counters().late(), status.counters().accepted()));
  }
}
