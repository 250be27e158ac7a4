package io.liqheat.ingest;

import io.liqheat.market.CborSerializable;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One exchange's connector as a sharded entity: it runs on exactly one node of the cluster, and
 * with remember-entities sharding brings it back on a survivor when that node dies, or hands it over
 * when the node leaves.
 *
 * <p>Why a connector per exchange, and not a subscription per market beside its entity: the
 * exchanges want few connections (Binance carries 200 streams on one socket, Bybit and OKX many
 * topics on one) and budget REST per IP, and a node's markets change with every rebalance. One
 * connection set per exchange keeps within those limits whatever the cluster's shape; the markets
 * it feeds are reached through sharding wherever they run, and a market that moves asks for its own
 * backfill ({@link MarketBackfills}) without touching the connection. The cost, one node parsing an
 * exchange's whole stream, is small next to the model (README "Benchmarks": parsing runs at over a
 * million messages per second), and the three exchanges land on different nodes when there are
 * several.
 */
public final class ConnectorEntity {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Connector");

  /** What a connector entity understands. */
  public sealed interface Command extends CborSerializable {}

  /** Starts the entity if it is not running; every node sends it at start, so a new cluster starts them all. */
  public record KeepRunning() implements Command {}

  /** Sharding's stop message for a hand-over. */
  public record Stop() implements Command {}

  /** Asks for the state of the connector's connections. */
  public record GetConnections(ActorRef<Connections> replyTo) implements Command {}

  /** The connector's connections, for other nodes' market lists. */
  public record Connections(List<Connection> connections) implements CborSerializable {}

  /**
   * One connection's state, newest message (wall clock, 0 before the first) and the markets it
   * carries (null from a node that predates them).
   */
  public record Connection(String exchange, String connection, ConnectorState state, long lastMessageMs,
      Set<MarketId> carried) implements CborSerializable {

    static Connection of(ConnectorStatus status) {
      return new Connection(status.exchange(), status.connection(), status.state(), status.lastMessageMs(),
          status.carried());
    }
  }

  private ConnectorEntity() {}

  /**
   * Registers the entity type on this node and makes sure every exchange with configured markets has
   * its connector running somewhere. The connectors that land here register in {@code local}.
   */
  public static void init(ActorSystem<?> system, IngestSettings settings, MarketInputSink sink, Clock clock,
      Connectors local) {
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(TYPE_KEY, context ->
            running(Exchange.fromId(context.getEntityId()), system, settings, sink, clock, local))
        .withStopMessage(new Stop()));
    for (Exchange exchange : Exchange.values()) {
      if (!settings.marketsOf(exchange).isEmpty()) {
        sharding.entityRefFor(TYPE_KEY, exchange.id()).tell(new KeepRunning());
      }
    }
  }

  private static Behavior<Command> running(Exchange exchange, ActorSystem<?> system, IngestSettings settings,
      MarketInputSink sink, Clock clock, Connectors local) {
    return Behaviors.setup(context -> {
      ExchangeConnector connector = local.start(exchange, system, settings, sink, clock);
      context.getLog().info("{} connector started on this node for {} markets", exchange.id(),
          settings.marketsOf(exchange).size());
      return Behaviors.receive(Command.class)
          .onMessage(KeepRunning.class, message -> Behaviors.same())
          .onMessage(GetConnections.class, message -> {
            message.replyTo().tell(new Connections(connector.status().stream().map(Connection::of).toList()));
            return Behaviors.same();
          })
          .onMessage(Stop.class, message -> Behaviors.stopped())
          .onSignal(PostStop.class, signal -> {
            local.stop(connector);
            return Behaviors.same();
          })
          .build();
    });
  }
}
