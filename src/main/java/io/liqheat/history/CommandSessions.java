package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import org.apache.pekko.stream.connectors.cassandra.DriverConfigLoaderFromConfig;

/**
 * Driver sessions for short-lived commands ({@code liqheat frames}), built from the same {@code
 * datastax-java-driver} section that Pekko Persistence uses, so contact points, data center,
 * credentials and TLS are configured once, and with the same loader the plugin builds its own
 * sessions with. No actor system is needed.
 */
public final class CommandSessions {

  public static final String DRIVER_SECTION = "datastax-java-driver";

  private CommandSessions() {}

  /**
   * Connects, or fails at once when no contact point answers: the service waits for Cassandra
   * ({@code advanced.reconnect-on-init = true}), but a command should say it is not there.
   */
  public static CqlSession open(Config root) {
    Config driver =
        root.getConfig(DRIVER_SECTION)
            .withValue("advanced.reconnect-on-init", ConfigValueFactory.fromAnyRef(false))
            // The failure becomes one line of the command's own; the driver's WARN would repeat it.
            .withValue("advanced.connection.warn-on-init-error", ConfigValueFactory.fromAnyRef(false))
            // Netty's default 2 s quiet period would make every command wait 2 s on close. Not 0:
            // the driver's close schedules one last task on the admin group after shutting it
            // down, and a group with no quiet period refuses it with an ERROR and a stack trace.
            .withValue("advanced.netty.io-group.shutdown.unit", ConfigValueFactory.fromAnyRef("MILLISECONDS"))
            .withValue("advanced.netty.io-group.shutdown.quiet-period", ConfigValueFactory.fromAnyRef(100))
            .withValue("advanced.netty.io-group.shutdown.timeout", ConfigValueFactory.fromAnyRef(15_000))
            .withValue("advanced.netty.admin-group.shutdown.unit", ConfigValueFactory.fromAnyRef("MILLISECONDS"))
            .withValue("advanced.netty.admin-group.shutdown.quiet-period", ConfigValueFactory.fromAnyRef(100))
            .withValue("advanced.netty.admin-group.shutdown.timeout", ConfigValueFactory.fromAnyRef(15_000));
    return CqlSession.builder().withConfigLoader(DriverConfigLoaderFromConfig.fromConfig(driver)).build();
  }

  /** The configured contact points, for messages: {@code 127.0.0.1:9042}. */
  public static String contactPoints(Config root) {
    String path = DRIVER_SECTION + "." + DefaultDriverOption.CONTACT_POINTS.getPath();
    if (!root.hasPath(path)) {
      return "(no contact points configured)";
    }
    List<String> points = root.getStringList(path);
    return String.join(", ", points);
  }
}
