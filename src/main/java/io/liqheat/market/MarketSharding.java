package io.liqheat.market;

import io.liqheat.model.Calibration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;

/** Market entities are sharded, even on one node, so that adding nodes spreads them. */
public final class MarketSharding {

  public static final EntityTypeKey<MarketCommand> TYPE_KEY = EntityTypeKey.create(MarketCommand.class, "Market");

  private MarketSharding() {}

  public static ActorRef<ShardingEnvelope<MarketCommand>> init(
      ActorSystem<?> system, Calibration calibration, MarketSettings settings) {
    return ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> MarketEntity.create(
        MarketId.parse(context.getEntityId()),
        PersistenceId.of(TYPE_KEY.name(), context.getEntityId()),
        calibration,
        settings))
        .withStopMessage(new MarketCommand.Stop()));
  }

  /**
   * Starts every configured market wherever sharding places it, input or not; remember-entities then
   * keeps it running through rebalances and failovers. Every node sends this at start, which is
   * harmless: a running entity only answers a status request nobody reads.
   */
  public static void keepRunning(ActorSystem<?> system, List<MarketId> markets) {
    markets.forEach(market -> entity(system, market).tell(new MarketCommand.GetStatus(system.ignoreRef())));
  }

  public static EntityRef<MarketCommand> entity(ActorSystem<?> system, MarketId market) {
    return ClusterSharding.get(system).entityRefFor(TYPE_KEY, market.toString());
  }

  /** The persistence id of a market's journal: {@code Market|exchange:SYMBOL}. */
  public static PersistenceId persistenceId(MarketId market) {
    return PersistenceId.of(TYPE_KEY.name(), market.toString());
  }
}
