package io.liqheat.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Opens plain driver sessions for tooling (readiness probe, schema apply), outside of Pekko
 * Persistence, which builds its own sessions from {@code datastax-java-driver} in the actor
 * system's config.
 */
public final class CqlSessions {

  /**
   * DDL on a busy 2-core machine can take several seconds; the driver's default request timeout
   * (2 s) would fail schema changes that are merely slow.
   */
  public static final Duration TOOLING_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private CqlSessions() {}

  /** A session to one node, with timeouts suited to tools rather than to request serving. */
  public static CqlSession connect(InetSocketAddress contactPoint, String localDatacenter) {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TOOLING_REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(60))
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
            // Netty's default 2 s quiet period makes every close() of a short-lived tool session
            // wait 2 s; these sessions have nothing in flight when they close.
            .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
            .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
            // Set as an option, not with addContactPoint: the driver merges programmatic contact
            // points with datastax-java-driver.basic.contact-points of application.conf, and a
            // session meant for this node could then land on whatever listens on 127.0.0.1:9042.
            .withStringList(
                DefaultDriverOption.CONTACT_POINTS,
                List.of(contactPoint.getHostString() + ":" + contactPoint.getPort()))
            .build();
    return CqlSession.builder()
        .withLocalDatacenter(localDatacenter)
        .withConfigLoader(config)
        .build();
  }

  /** A session to the embedded node. */
  public static CqlSession connectEmbedded(int cqlPort) {
    return connect(new InetSocketAddress(Ports.HOST, cqlPort), CassandraYaml.DATACENTER);
  }

  /** The node's {@code release_version}; throws when it does not answer CQL. */
  static String releaseVersion(int cqlPort) {
    try (CqlSession session = connectEmbedded(cqlPort)) {
      return session.execute("SELECT release_version FROM system.local").one().getString(0);
    }
  }
}
