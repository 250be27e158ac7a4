package io.liqheat.sim;

import static io.liqheat.ingest.ConnectorRig.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.ConnectorSettings;
import io.liqheat.ingest.ConnectorState;
import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.ingest.ExchangeConnector;
import io.liqheat.ingest.binance.BinanceConnector;
import io.liqheat.ingest.bybit.BybitConnector;
import io.liqheat.ingest.okx.OkxConnector;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The load mode's WebSocket server with the real connectors: the simulator's REST for metadata and
 * backfill, the load server for the stream. Every pre-rendered trade reaches the entity, the loop
 * goes round more than once, nothing is malformed; a wrong path is refused with 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadStreamServerTest {

  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final MarketId BINANCE = MarketId.parse("binance:LOAD01USDT");
  private static final MarketId BYBIT = MarketId.parse("bybit:LOAD01USDT");
  private static final MarketId OKX = MarketId.parse("okx:LOAD01-USDT-SWAP");

  private ConnectorRig rig;
  private ExchangeConnector connector;
  private LoadStreamServer server;

  @BeforeAll
  void startRig() {
    rig = ConnectorRig.start(List.of(SimMarketSpec.typical(BINANCE, 96_000, 1), SimMarketSpec.typical(BYBIT, 96_000, 1),
        SimMarketSpec.typical(OKX, 96_000, 0.01)), Duration.ofMinutes(20));
  }

  @AfterAll
  void stopRig() {
    rig.close();
  }

  @AfterEach
  void stop() throws Exception {
    if (connector != null) {
      connector.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private List<LoadFrames.Frame> serve(MarketId market) throws Exception {
    long window = LoadFrames.loopWindowStart(System.currentTimeMillis());
    List<LoadFrames.Frame> frames = LoadFrames.render(market.exchange(), List.of(market), 200, 5, window, 7);
    server = LoadStreamServer.start(rig.system, "127.0.0.1", 0, market.exchange(), frames);
    return frames;
  }

  private ConnectorSettings settings(Exchange exchange, String path) {
    ConnectorSettings sim = rig.settings(exchange, "", "");
    return sim.withUrls(java.net.URI.create("ws://127.0.0.1:" + server.port() + path), sim.restUrl());
  }

  private static ConnectorStatus stream(ExchangeConnector connector) {
    return connector.status().stream().filter(s -> s.connection().contains("ws")).findFirst().orElse(null);
  }

  /**
   * Twice round the loop, every trade admitted by the entity, nothing malformed or late, still the
   * first connection. The entity's count is taken before the connector starts, and waited for
   * itself: the connector counts a trade before its batch reaches the entity.
   */
  private void assertLoopReachesTheEntity(MarketId market, List<LoadFrames.Frame> frames,
      Supplier<ExchangeConnector> startConnector) {
    long tradesInLoop = frames.stream().mapToInt(LoadFrames.Frame::trades).sum();
    long before = rig.status(market).counters().trades();
    connector = startConnector.get();
    eventually(WITHIN, () -> rig.status(market).counters().trades() - before, admitted -> admitted >= 2 * tradesInLoop);

    ConnectorStatus live = stream(connector);
    assertThat(live.state()).isEqualTo(ConnectorState.CONNECTED);
    assertThat(live.trades()).isGreaterThanOrEqualTo(2 * tradesInLoop);
    assertThat(server.tradesSent()).isGreaterThanOrEqualTo(2 * tradesInLoop);
    assertThat(live.malformedTotal()).isZero();
    assertThat(live.late()).isZero();
    assertThat(live.reconnects()).isZero();
  }

  @Test
  void binanceCombinedStreamTradesReachTheEntity() throws Exception {
    List<LoadFrames.Frame> frames = serve(BINANCE);
    assertLoopReachesTheEntity(BINANCE, frames, () ->
        BinanceConnector.start(rig.system, settings(Exchange.BINANCE, ""), List.of(BINANCE), rig.sink, Clock.systemUTC()));
  }

  @Test
  void bybitPublicTradesReachTheEntity() throws Exception {
    List<LoadFrames.Frame> frames = serve(BYBIT);
    assertLoopReachesTheEntity(BYBIT, frames, () -> BybitConnector.start(rig.system,
        settings(Exchange.BYBIT, "/v5/public/linear"), List.of(BYBIT), rig.sink, Clock.systemUTC()));
  }

  @Test
  void okxTradesReachTheEntity() throws Exception {
    List<LoadFrames.Frame> frames = serve(OKX);
    assertLoopReachesTheEntity(OKX, frames, () ->
        OkxConnector.start(rig.system, settings(Exchange.OKX, "/ws/v5/public"), List.of(OKX), rig.sink, Clock.systemUTC()));
  }

  @Test
  void anotherPathIsRefusedWith404() throws Exception {
    serve(BYBIT);
    connector = BybitConnector.start(rig.system, settings(Exchange.BYBIT, "/v5/public/spot"), List.of(BYBIT), rig.sink,
        Clock.systemUTC());
    ConnectorStatus refused = eventually(WITHIN, () -> stream(connector), s -> s != null && s.lastError() != null);
    assertThat(refused.lastError()).contains("WebSocket upgrade refused: HTTP/1.1 404 Not Found");
    assertThat(server.framesSent()).isZero();
  }
}
