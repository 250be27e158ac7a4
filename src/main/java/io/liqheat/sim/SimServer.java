package io.liqheat.sim;

import io.liqheat.sim.binance.BinanceSimRoutes;
import io.liqheat.sim.bybit.BybitSimRoutes;
import io.liqheat.sim.okx.OkxSimRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The simulated exchange's HTTP server: Binance's, Bybit's and OKX's REST and WebSocket paths on one
 * port (their paths do not overlap), plus the simulator's own {@code /sim} endpoints. Connectors
 * reach it by setting their {@code ws-url} and {@code rest-url} to this server.
 */
public final class SimServer extends AllDirectives {

  private SimServer() {}

  public static Route routes(SimulatedExchange sim) {
    List<Route> routes = new ArrayList<>();
    routes.add(new SimControlRoutes(sim).route());
    routes.add(new BinanceSimRoutes(sim).route());
    routes.add(new BybitSimRoutes(sim).route());
    routes.add(new OkxSimRoutes(sim).route());
    return new SimServer().concat(routes.get(0), routes.subList(1, routes.size()).toArray(Route[]::new));
  }

  /**
   * An actor system for the simulator alone. Local, not clustered: run beside a liqheat node it
   * binds no Artery port and can never join, or be taken for, a node of the cluster.
   */
  public static ActorSystem<Void> actorSystem() {
    return ActorSystem.create(Behaviors.empty(), "simulator",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
  }

  public static CompletionStage<ServerBinding> start(ActorSystem<?> system, SimulatedExchange sim, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(routes(sim));
  }
}
