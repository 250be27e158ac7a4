package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.liqheat.testing.ConfFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed nodes and Cassandra contact points come from the environment as lists, one variable per
 * entry; the split-brain resolver is the one cluster/README.md describes.
 */
class ClusterConfigTest {

  private static final String SEED_0 = "pekko://liqheat@liqheat-0.liqheat-headless.prod.svc.cluster.local:2551";
  private static final String SEED_1 = "pekko://liqheat@liqheat-1.liqheat-headless.prod.svc.cluster.local:2551";

  @Test
  void productionReadsEverySeedAndContactPointGiven() {
    Config config = ConfFiles.resolve("production.conf", Map.of(
        "LIQHEAT_SEED_NODE_0", SEED_0, "LIQHEAT_SEED_NODE_1", SEED_1,
        "LIQHEAT_CASSANDRA_CONTACT_POINT_0", "db-0:9042", "LIQHEAT_CASSANDRA_CONTACT_POINT_1", "db-1:9042"));

    assertThat(config.getStringList("pekko.cluster.seed-nodes")).containsExactly(SEED_0, SEED_1);
    assertThat(config.getStringList("datastax-java-driver.basic.contact-points")).containsExactly("db-0:9042", "db-1:9042");
  }

  @Test
  void productionWithoutSeedsFormsAClusterOfItsOwnAndHasADefaultContactPoint() {
    Config config = ConfFiles.resolve("production.conf", Map.of());

    assertThat(config.getStringList("pekko.cluster.seed-nodes")).isEmpty();
    assertThat(config.getStringList("datastax-java-driver.basic.contact-points")).containsExactly("cassandra-0.cassandra:9042");
  }

  @Test
  void kubernetesNeedsTheFirstSeedAndThePodsName() {
    Config config = ConfFiles.resolve("kubernetes.conf", Map.of("LIQHEAT_SEED_NODE_0", SEED_0,
        "LIQHEAT_HOSTNAME", "liqheat-2.liqheat-headless.prod.svc.cluster.local"));
    assertThat(config.getStringList("pekko.cluster.seed-nodes")).containsExactly(SEED_0);
    assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("liqheat-2.liqheat-headless.prod.svc.cluster.local");

    assertThatThrownBy(() -> ConfFiles.resolve("kubernetes.conf", Map.of("LIQHEAT_HOSTNAME", "liqheat-0")))
        .hasMessageContaining("LIQHEAT_SEED_NODE_0");
  }

  /**
   * A change of strategy or of stable-after changes how the cluster survives a crash (cluster/README.md
   * "Split-brain resolver", FailoverIT's recovery figure), so it must be deliberate: it fails here.
   */
  @Test
  void everyShippedConfigurationDownsTheMinorityAfterFiveStableSeconds() {
    for (String file : new String[] {"conf/liqheat.conf", "conf/production.conf"}) {
      Config config = ConfigLoader.load(Path.of(file));

      assertThat(config.getString("pekko.actor.provider")).as(file).isEqualTo("cluster");
      assertThat(config.getString("pekko.cluster.downing-provider-class")).as(file)
          .isEqualTo("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
      assertThat(config.getString("pekko.cluster.split-brain-resolver.active-strategy")).as(file)
          .isEqualTo("keep-majority");
      assertThat(config.getDuration("pekko.cluster.split-brain-resolver.stable-after")).as(file)
          .isEqualTo(Duration.ofSeconds(5));
    }
  }
}
