package io.liqheat.ingest;

import io.liqheat.market.Exchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The connection states of every exchange's connector, wherever in the cluster it runs, for the
 * market list of the API: each node asks the connector entities every {@code refresh} and answers
 * from their last replies, so a request never waits on another node. An exchange whose connector
 * has not answered for three rounds (its node died and the entity is moving) drops out, and its
 * markets show their connector as unknown until it answers again.
 *
 * <p>The counts of a connector (messages, malformed, ...) are not carried: every node's {@code
 * /metrics} exports those of the connectors it runs, so a scrape of all nodes counts each once.
 */
public final class ClusterConnectorStates implements Supplier<List<ConnectorStatus>> {

  private static final int ROUNDS_BEFORE_UNKNOWN = 3;

  private final Map<Exchange, List<ConnectorStatus>> latest = new ConcurrentHashMap<>();
  private final Map<Exchange, Integer> missed = new ConcurrentHashMap<>();

  private ClusterConnectorStates() {}

  public static ClusterConnectorStates follow(ActorSystem<?> system, List<Exchange> exchanges, Duration refresh) {
    ClusterConnectorStates states = new ClusterConnectorStates();
    system.scheduler().scheduleWithFixedDelay(Duration.ZERO, refresh,
        () -> exchanges.forEach(exchange -> states.ask(system, exchange, refresh)), system.executionContext());
    return states;
  }

  private void ask(ActorSystem<?> system, Exchange exchange, Duration timeout) {
    ClusterSharding.get(system).entityRefFor(ConnectorEntity.TYPE_KEY, exchange.id())
        .<ConnectorEntity.Connections>ask(ConnectorEntity.GetConnections::new, timeout)
        .whenComplete((reply, failure) -> {
          if (failure == null) {
            missed.remove(exchange);
            latest.put(exchange, reply.connections().stream().map(ClusterConnectorStates::status).toList());
          } else if (missed.merge(exchange, 1, Integer::sum) >= ROUNDS_BEFORE_UNKNOWN) {
            latest.remove(exchange);
          }
        });
  }

  private static ConnectorStatus status(ConnectorEntity.Connection connection) {
    return new ConnectorStatus(connection.exchange(), connection.connection(), connection.state(),
        connection.lastMessageMs(), 0, 0, 0, 0, 0, 0, Map.of(), 0, null, Map.of(),
        connection.carried() == null ? Set.of() : connection.carried());
  }

  @Override
  public List<ConnectorStatus> get() {
    List<ConnectorStatus> all = new ArrayList<>();
    latest.values().forEach(all::addAll);
    return all;
  }
}
