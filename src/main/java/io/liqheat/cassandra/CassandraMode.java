package io.liqheat.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Locale;

/**
 * Where the journal lives: the embedded node the project runs itself (the default), or an external
 * cluster that {@code datastax-java-driver} in the configuration points at (conf/production.conf).
 */
public enum CassandraMode {
  EMBEDDED,
  EXTERNAL;

  public static final String KEY = "liqheat.cassandra.mode";

  public static CassandraMode of(Config config) {
    String value = config.getString(KEY).trim().toUpperCase(Locale.ROOT);
    try {
      return valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new CassandraException(KEY + ": '" + config.getString(KEY) + "' is not embedded or external");
    }
  }

  /**
   * The configuration with the driver pointed at the embedded node's CQL port, or unchanged for an
   * external cluster.
   */
  public static Config withDriverContactPoint(Config config) {
    if (of(config) == EXTERNAL) {
      return config;
    }
    int port = EmbeddedCassandraSettings.fromConfig(config).cqlPort();
    return ConfigFactory.parseString(
            "datastax-java-driver.basic.contact-points = [\"" + Ports.HOST + ":" + port + "\"]\n"
                + "datastax-java-driver.basic.load-balancing-policy.local-datacenter = \"" + CassandraYaml.DATACENTER + "\"")
        .withFallback(config)
        .resolve();
  }
}
