package io.liqheat.http;

import com.typesafe.config.Config;
import io.liqheat.metrics.NodeMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Whether this node should get traffic: Cassandra answers and the node is {@code Up} in the cluster
 * (a joining or leaving node serves no shards reliably). A failed Cassandra check is counted as a
 * Cassandra error.
 */
public final class Readiness implements AutoCloseable {

  private final ActorSystem<?> system;
  private final CassandraProbe cassandra;

  public Readiness(ActorSystem<?> system, Config config, Duration cassandraTimeout) {
    this.system = system;
    this.cassandra = new CassandraProbe(config, cassandraTimeout,
        system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  /** Reads {@code liqheat.http.health.cassandra-timeout} from the node's config. */
  public static Readiness of(ActorSystem<?> system) {
    Config config = system.settings().config();
    return new Readiness(system, config, config.getDuration("liqheat.http.health.cassandra-timeout"));
  }

  /** Empty when ready, else what is not: both checks run, and both failures are told. */
  public CompletionStage<Optional<String>> notReadyBecause() {
    MemberStatus member = Cluster.get(system).selfMember().status();
    Optional<String> cluster = member.equals(MemberStatus.up())
        ? Optional.empty()
        : Optional.of("this node is " + member + " in the cluster, not Up");
    return cassandra.check().thenApply(cassandraProblem -> {
      cassandraProblem.ifPresent(problem -> NodeMetrics.get(system).cassandraError("readiness"));
      if (cassandraProblem.isPresent() && cluster.isPresent()) {
        return Optional.of(cassandraProblem.get() + "; " + cluster.get());
      }
      return cassandraProblem.isPresent() ? cassandraProblem : cluster;
    });
  }

  @Override
  public void close() {
    cassandra.close();
  }
}
