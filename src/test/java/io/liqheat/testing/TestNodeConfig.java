package io.liqheat.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** The configuration of a liqheat node under test: a free Artery port, the given Cassandra port. */
public final class TestNodeConfig {

  private TestNodeConfig() {}

  public static Config forCassandraPort(int cqlPort) {
    return forCassandraPort(cqlPort, "");
  }

  /** {@code overrides} in HOCON take precedence over everything else. */
  public static Config forCassandraPort(int cqlPort, String overrides) {
    ConfigFactory.invalidateCaches();
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.parseString(
            "pekko.remote.artery.canonical.port = 0\n"
                + "pekko.coordinated-shutdown.exit-jvm = off\n"
                + "pekko.cluster.split-brain-resolver.stable-after = 2s\n"
                + "datastax-java-driver.basic.contact-points = [\"127.0.0.1:" + cqlPort + "\"]\n"
                + "datastax-java-driver.basic.load-balancing-policy.local-datacenter = datacenter1\n"
                + "liqheat.cassandra.mode = external\n"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }
}
