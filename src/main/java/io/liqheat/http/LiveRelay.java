package io.liqheat.http;

import io.liqheat.market.LiveUpdate;
import io.liqheat.market.MarketEntity;
import io.liqheat.market.MarketId;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Subscribes this node to one market's topic and hands every update to the node's {@link LiveHub}.
 * The topic reaches the market wherever its entity runs, so viewers on any node see every market,
 * including one that has just moved to another node.
 */
final class LiveRelay {

  private LiveRelay() {}

  static Behavior<LiveUpdate> create(MarketId market, Consumer<LiveUpdate> hub) {
    return Behaviors.setup(context -> {
      var topic = context.spawn(Topic.create(LiveUpdate.class, MarketEntity.topicName(market)), "topic");
      topic.tell(Topic.subscribe(context.getSelf()));
      return Behaviors.receiveMessage(update -> {
        hub.accept(update);
        return Behaviors.same();
      });
    });
  }
}
