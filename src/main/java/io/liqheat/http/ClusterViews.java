package io.liqheat.http;

import io.liqheat.ingest.ConnectorEntity;
import io.liqheat.market.MarketSharding;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/** Reads a {@link ClusterView} from the cluster extension and this node's shard regions. */
public final class ClusterViews {

  private static final Duration REGION_TIMEOUT = Duration.ofSeconds(3);

  private ClusterViews() {}

  public static CompletionStage<ClusterView> read(ActorSystem<?> system) {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    List<ClusterView.Member> members = StreamSupport.stream(state.getMembers().spliterator(), false)
        .map(member -> new ClusterView.Member(member.address().toString(), member.status().toString()))
        .toList();
    List<String> unreachable = state.getUnreachable().stream().map(member -> member.address().toString()).sorted().toList();
    String leader = state.getLeader() == null ? "" : state.getLeader().toString();
    String self = Cluster.get(system).selfMember().address().toString();
    return localEntities(system, MarketSharding.TYPE_KEY).thenCombine(localEntities(system, ConnectorEntity.TYPE_KEY),
        (markets, connectors) -> new ClusterView(self, leader, members, unreachable, markets, connectors));
  }

  /** The entity ids of one type running here; none when this node does not host that type. */
  private static CompletionStage<List<String>> localEntities(ActorSystem<?> system, EntityTypeKey<?> type) {
    CompletionStage<ShardRegion.CurrentShardRegionState> state = AskPattern.ask(
        ClusterSharding.get(system).shardState(),
        replyTo -> new GetShardRegionState(type, replyTo),
        REGION_TIMEOUT,
        system.scheduler());
    return state
        .thenApply(current -> current.getShards().stream()
            .map(ShardRegion.ShardState::getEntityIds)
            .flatMap(Set::stream)
            .sorted()
            .toList())
        .exceptionally(failure -> List.of());
  }
}
