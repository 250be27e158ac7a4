package io.liqheat.http;

import io.liqheat.market.Exchange;
import io.liqheat.market.LiveFrame;
import io.liqheat.market.LiveUpdate;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * This node's view of every configured market's live updates: one topic subscription per market,
 * whatever the number of viewers, handed to each subscribed SSE stream ({@link LiveEvents}). The hub
 * keeps the newest frame, so a request or a new client is answered without asking the entity.
 *
 * <p>Handing an update over is a call per subscriber on the relay's thread, and each subscriber only
 * enqueues it for its own stream ({@link LiveEvents} says why that replaced a broadcast hub): the
 * relay is never held up by a slow client.
 */
public final class LiveHub {

  private final Map<MarketId, Channel> channels = new LinkedHashMap<>();

  private record Channel(MarketLive state, Set<Consumer<LiveUpdate>> subscribers) {}

  /** A stream's subscription to its markets' updates, until cancelled. */
  interface Subscription {
    void cancel();
  }

  public LiveHub(ActorSystem<?> system, List<MarketId> markets) {
    for (MarketId market : markets) {
      channels.put(market, new Channel(new MarketLive(), ConcurrentHashMap.newKeySet()));
      String name = "live-relay-" + market.exchange().id() + "-" + market.symbol();
      system.systemActorOf(LiveRelay.create(market, this::accept), name, Props.empty());
    }
  }

  public List<MarketId> markets() {
    return List.copyOf(channels.keySet());
  }

  public boolean has(MarketId market) {
    return channels.containsKey(market);
  }

  /** The markets of one base asset (case-insensitive) on the given exchanges, in configuration order. */
  public List<MarketId> assetMarkets(String asset, Set<Exchange> exchanges) {
    String wanted = asset.toUpperCase(Locale.ROOT);
    return channels.keySet().stream()
        .filter(market -> market.baseAsset().equals(wanted) && exchanges.contains(market.exchange()))
        .toList();
  }

  MarketLive state(MarketId market) {
    return channels.get(market).state();
  }

  public LiveFrame latest(MarketId market) {
    return state(market).latest();
  }

  /**
   * Hands every update of {@code markets} from now on to {@code subscriber}, on the thread of the
   * market's relay, until the subscription is cancelled. The subscriber must return at once.
   */
  Subscription subscribe(List<MarketId> markets, Consumer<LiveUpdate> subscriber) {
    // A distinct object per subscription, so one consumer subscribed twice is two subscribers.
    Consumer<LiveUpdate> entry = subscriber::accept;
    List<Channel> subscribed = markets.stream().map(channels::get).toList();
    subscribed.forEach(channel -> channel.subscribers().add(entry));
    return () -> subscribed.forEach(channel -> channel.subscribers().remove(entry));
  }

  /** Streams subscribed to {@code market}, for tests. */
  int subscribers(MarketId market) {
    return channels.get(market).subscribers().size();
  }

  /** Hands an update to the hub; called by the market's relay actor, and by tests. */
  void accept(LiveUpdate update) {
    Channel channel = channels.get(update.market());
    if (channel == null) {
      return;
    }
    if (update instanceof LiveFrame frame) {
      channel.state().update(frame);
    } else if (update instanceof WindowClosed closed) {
      channel.state().closed(closed);
    }
    for (Consumer<LiveUpdate> subscriber : channel.subscribers()) {
      subscriber.accept(update);
    }
  }
}
