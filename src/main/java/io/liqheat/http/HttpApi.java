package io.liqheat.http;

import io.liqheat.UserFacingException;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketStatus;
import io.liqheat.metrics.NodeMetrics;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;

/** A node's running HTTP API: the live hub, the routes and the bound server. */
public final class HttpApi {

  private final LiveHub hub;
  private final Heartbeats heartbeats;
  private final LiveRoutes live;
  private final ServerBinding binding;

  private HttpApi(LiveHub hub, Heartbeats heartbeats, LiveRoutes live, ServerBinding binding) {
    this.hub = hub;
    this.heartbeats = heartbeats;
    this.live = live;
    this.binding = binding;
  }

  public static HttpApi start(ActorSystem<?> system, HttpSettings settings, List<MarketId> markets,
      Function<MarketId, CompletionStage<MarketStatus>> status, Supplier<List<ConnectorStatus>> connectors,
      HistoryRoutes history, OpsRoutes ops) {
    LiveHub hub = new LiveHub(system, markets);
    LiveMetrics metrics = new LiveMetrics(NodeMetrics.get(system), hub, java.time.Clock.systemUTC());
    Heartbeats heartbeats = Heartbeats.start(system, settings.sseHeartbeat());
    LiveRoutes live = new LiveRoutes(hub, settings, heartbeats, status, connectors, metrics);
    metrics.bindSseClients(live::sseClients);
    ApiRoutes routes = new ApiRoutes(live, history, ops, new PageRoutes(), settings);
    try {
      ServerBinding binding = ApiServer.bind(system, settings, routes.route()).toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new HttpApi(hub, heartbeats, live, binding);
    } catch (Exception e) {
      heartbeats.close();
      throw new BindFailed("cannot listen on " + settings.iface() + ":" + settings.port()
          + " (liqheat.http.interface / liqheat.http.port): " + rootMessage(e));
    }
  }

  public LiveHub hub() {
    return hub;
  }

  public int sseClients() {
    return live.sseClients();
  }

  public InetSocketAddress address() {
    return binding.localAddress();
  }

  public String url() {
    return "http://" + address().getHostString() + ":" + address().getPort() + "/";
  }

  public void stop() {
    heartbeats.close();
    try {
      binding.terminate(java.time.Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Shutting down anyway; the actor system's termination closes what is left.
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** The port is taken or the interface does not exist: a configuration problem, told as such. */
  public static final class BindFailed extends RuntimeException implements UserFacingException {
    BindFailed(String message) {
      super(message);
    }
  }
}
