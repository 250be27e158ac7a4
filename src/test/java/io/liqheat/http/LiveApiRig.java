package io.liqheat.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.ingest.ExchangeConnector;
import io.liqheat.ingest.binance.BinanceConnector;
import io.liqheat.ingest.bybit.BybitConnector;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketStatus;
import io.liqheat.sim.SimMarketSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A node's HTTP API over real parts: sharded market entities fed by the real Binance and Bybit
 * connectors from the simulated exchange (see {@link ConnectorRig}), the live hub subscribed to
 * their topics, and the routes bound on a free loopback port. Further servers with other
 * {@code liqheat.http} settings can be bound over the same hub.
 */
final class LiveApiRig implements AutoCloseable {

  static final MarketId BINANCE_BTC = MarketId.parse("binance:BTCUSDT");
  static final MarketId BYBIT_BTC = MarketId.parse("bybit:BTCUSDT");
  static final MarketId BINANCE_ETH = MarketId.parse("binance:ETHUSDT");
  static final List<MarketId> MARKETS = List.of(BINANCE_BTC, BYBIT_BTC, BINANCE_ETH);
  static final Duration WITHIN = Duration.ofSeconds(90);

  final ConnectorRig exchange;
  final HttpApi api;
  private final List<ExchangeConnector> connectors;
  private final List<ServerBinding> extraServers = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private LiveApiRig(ConnectorRig exchange, HttpApi api, List<ExchangeConnector> connectors) {
    this.exchange = exchange;
    this.api = api;
    this.connectors = connectors;
  }

  /** Starts everything and waits until every market has a live frame. */
  static LiveApiRig start() {
    ConnectorRig exchange = ConnectorRig.start(List.of(
        SimMarketSpec.typical(BINANCE_BTC, 64_000, 1),
        SimMarketSpec.typical(BYBIT_BTC, 64_000, 1),
        SimMarketSpec.typical(BINANCE_ETH, 3_200, 1)), Duration.ofHours(1));
    // The API first, so its relays are subscribed when the backfilled windows freeze.
    HttpApi api = HttpApi.start(exchange.system, settings(exchange, ""), MARKETS, market -> statusOf(exchange, market),
        List::of, TestRoutes.withoutReadSide(MARKETS), TestRoutes.ops(exchange.system));
    List<ExchangeConnector> connectors = List.of(
        BinanceConnector.start(exchange.system, exchange.settings(Exchange.BINANCE, "", ""),
            List.of(BINANCE_BTC, BINANCE_ETH), exchange.sink, Clock.systemUTC()),
        BybitConnector.start(exchange.system, exchange.settings(Exchange.BYBIT, "/v5/public/linear", ""),
            List.of(BYBIT_BTC), exchange.sink, Clock.systemUTC()));
    LiveApiRig rig = new LiveApiRig(exchange, api, connectors);
    for (MarketId market : MARKETS) {
      ConnectorRig.eventually(WITHIN, () -> api.hub().latest(market),
          frame -> frame != null && frame.frame() != null && Double.isFinite(frame.price()));
    }
    return rig;
  }

  /** {@code overrides} is HOCON relative to {@code liqheat.http}; the port is always a free one. */
  static HttpSettings settings(ConnectorRig exchange, String overrides) {
    Config config = ConfigFactory.parseString(overrides).atPath(HttpSettings.ROOT)
        .withFallback(ConfigFactory.parseString(HttpSettings.ROOT + ".port = 0"))
        .withFallback(exchange.system.settings().config());
    return HttpSettings.fromConfig(config);
  }

  private static CompletableFuture<MarketStatus> statusOf(ConnectorRig exchange, MarketId market) {
    return CompletableFuture.supplyAsync(() -> exchange.status(market));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + api.address().getPort();
  }

  /** Binds the same routes with other settings over this rig's hub; returns its base URL. */
  String serve(String httpOverrides) {
    HttpSettings settings = settings(exchange, httpOverrides);
    Heartbeats heartbeats = Heartbeats.start(exchange.system, settings.sseHeartbeat());
    LiveRoutes live = new LiveRoutes(api.hub(), settings, heartbeats, market -> statusOf(exchange, market),
        List::<ConnectorStatus>of);
    ApiRoutes routes = new ApiRoutes(live, TestRoutes.withoutReadSide(MARKETS), TestRoutes.ops(exchange.system), new PageRoutes(), settings);
    try {
      ServerBinding binding = ApiServer.bind(exchange.system, settings, routes.route()).toCompletableFuture().get(30, TimeUnit.SECONDS);
      extraServers.add(binding);
      return "http://127.0.0.1:" + binding.localAddress().getPort();
    } catch (Exception e) {
      throw new IllegalStateException("the extra server did not bind", e);
    }
  }

  /** Stops the exchange feeds: from then on nothing changes any market's estimate. */
  void stopFeeds() {
    for (ExchangeConnector connector : connectors) {
      try {
        connector.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("a connector did not stop", e);
      }
    }
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(baseUrl(), "GET", path, headers);
  }

  HttpResponse<String> send(String base, String method, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens an SSE stream and returns once its status and headers are in; the body is left open. */
  SseConnection openStream(String base, String path, String... headers) {
    return SseConnection.open(client, URI.create(base + path), headers);
  }

  @Override
  public void close() {
    extraServers.forEach(ServerBinding::unbind);
    api.stop();
    exchange.close();
  }
}
