package io.liqheat.http;

import com.typesafe.config.Config;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.ActorMaterializer;
import org.apache.pekko.stream.ActorMaterializerSettings;
import org.apache.pekko.stream.Materializer;

/**
 * Binds the routes on the configured interface and port, with {@code max-connections} raised from
 * Pekko's 1024 to {@code liqheat.http.max-connections}: every SSE viewer holds a connection. Request
 * line, header and URI sizes are bounded by {@code pekko.http.server.parsing} (application.conf).
 */
public final class ApiServer {

  private ApiServer() {}

  public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, HttpSettings settings, Route route) {
    return Http.get(system).newServerAt(settings.iface(), settings.port())
        .withSettings(serverSettings(system.settings().config(), settings))
        .withMaterializer(writeAtOnce(system))
        .bind(route);
  }

  /**
   * Pekko's server settings from {@code config} ({@code pekko.http.server}), with liqheat's connection
   * limit, and with the connection's remote address attached to every request: the per-client SSE
   * limit counts by it ({@link LiveRoutes}). Set here rather than in application.conf, so that no
   * configuration file can switch it off and leave every client under one shared limit.
   */
  static ServerSettings serverSettings(Config config, HttpSettings settings) {
    return ServerSettings.create(config)
        .withMaxConnections(settings.maxConnections())
        .withRemoteAddressAttribute(true);
  }

  /** The dispatcher of the server's connections, defined in application.conf. */
  static final String DISPATCHER = "liqheat-http-dispatcher";

  /**
   * A materializer for the server's connections: they run on {@link #DISPATCHER}, and their TCP stage
   * writes what it is given at once.
   *
   * <p>By default ({@code pekko.stream.materializer.io.tcp.coalesce-writes = 10}) the stage first
   * sends the connection actor an empty write and waits for its answer, in case more bytes come in the
   * meantime: for an SSE event, which comes alone, that is a second round trip to the actor (two more
   * messages, and on a busy node two more waits for a thread) before every write. Coalescing pays off
   * for many small frames on one connection, as the simulator's WebSockets send, so it is switched
   * off here only, not for the node. Materializer settings are deprecated in Pekko, but they are its
   * only way to set this per server.
   */
  @SuppressWarnings("deprecation")
  private static Materializer writeAtOnce(ActorSystem<?> system) {
    ActorMaterializerSettings defaults = ActorMaterializerSettings.create(system.classicSystem());
    return ActorMaterializer.create(defaults.withDispatcher(DISPATCHER)
        .withIOSettings(defaults.ioSettings().withCoalesceWrites(0)), system.classicSystem(), "http-api");
  }
}
