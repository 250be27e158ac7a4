package io.liqheat.http;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;

/**
 * Binds the routes on the configured interface and port, with {@code max-connections} raised from
 * Pekko's 1024 to {@code liqheat.http.max-connections}: every SSE viewer holds a connection. Request
 * line, header and URI sizes are bounded by {@code pekko.http.server.parsing} (application.conf).
 */
public final class ApiServer {

  private ApiServer() {}

  public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, HttpSettings settings, Route route) {
    ServerSettings server = ServerSettings.create(system.classicSystem())
        .withMaxConnections(settings.maxConnections())
        .withRemoteAddressAttribute(true);
    return Http.get(system).newServerAt(settings.iface(), settings.port()).withSettings(server).bind(route);
  }
}
