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
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * This node's view of every configured market's live updates: one topic subscription per market,
 * whatever the number of viewers, fanned out to each SSE client through a broadcast hub. The hub
 * keeps the newest frame, so a request or a new client is answered without asking the entity.
 */
public final class LiveHub {

  private static final int QUEUE = 1024;

  private final Map<MarketId, Channel> channels = new LinkedHashMap<>();

  private record Channel(MarketLive state, BoundedSourceQueue<LiveUpdate> queue, Source<LiveUpdate, NotUsed> updates) {}

  public LiveHub(ActorSystem<?> system, List<MarketId> markets) {
    Materializer materializer = Materializer.matFromSystem(system);
    for (MarketId market : markets) {
      Pair<BoundedSourceQueue<LiveUpdate>, Source<LiveUpdate, NotUsed>> hub = Source.<LiveUpdate>queue(QUEUE)
          .toMat(BroadcastHub.of(LiveUpdate.class, 64), Keep.both())
          .run(materializer);
      // Keeps the hub draining while no client listens; clients that lag are conflated downstream.
      hub.second().runWith(Sink.ignore(), materializer);
      channels.put(market, new Channel(new MarketLive(), hub.first(), hub.second()));
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

  /** Live updates from now on; each subscriber gets its own stream. */
  public Source<LiveUpdate, NotUsed> updates(MarketId market) {
    return channels.get(market).updates();
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
    channel.queue().offer(update);
  }
}
