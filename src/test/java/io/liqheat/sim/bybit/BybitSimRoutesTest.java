package io.liqheat.sim.bybit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.ConnectorMonitor;
import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.RestClient;
import io.liqheat.ingest.bybit.BybitEndpoints;
import io.liqheat.ingest.bybit.BybitInstrument;
import io.liqheat.ingest.bybit.BybitInstrumentsParser;
import io.liqheat.ingest.bybit.BybitKlineParser;
import io.liqheat.ingest.bybit.BybitOpenInterestParser;
import io.liqheat.ingest.bybit.BybitOpenInterestSample;
import io.liqheat.ingest.bybit.BybitRatioParser;
import io.liqheat.ingest.bybit.BybitResponseException;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimCandle;
import io.liqheat.sim.SimMarketSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The simulator's Bybit REST answers, read back with the connector's own parsers over a real socket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BybitSimRoutesTest {

  private static final MarketId BTC = MarketId.parse("bybit:BTCUSDT");
  private ConnectorRig rig;
  private RestClient client;
  private BybitEndpoints endpoints;

  @BeforeAll
  void start() {
    rig = ConnectorRig.start(List.of(SimMarketSpec.typical(BTC, 60_000, 1)), Duration.ofMinutes(30));
    client = new RestClient(rig.system, new ConnectorMonitor("bybit", "test", Duration.ofSeconds(30), Clock.systemUTC()),
        Duration.ofSeconds(10), Clock.systemUTC());
    endpoints = new BybitEndpoints(URI.create(rig.httpUrl()));
  }

  @AfterAll
  void stop() {
    rig.close();
  }

  private String get(String url) throws Exception {
    return client.get(url).toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  @Test
  void instrumentsInfoListsTheSymbolAsATradingLinearPerpetual() throws Exception {
    assertThat(BybitInstrumentsParser.instruments(get(endpoints.instrument("BTCUSDT"))))
        .containsExactly(new BybitInstrument("BTCUSDT", "LinearPerpetual", "Trading", "BTC", "USDT"));
  }

  @Test
  void klinesAreTheSimulatedCandlesInRange() throws Exception {
    List<SimCandle> candles = rig.sim.read(BTC, simulated -> simulated.candles());
    long from = candles.get(candles.size() - 10).openTimeMs();
    long to = candles.get(candles.size() - 1).openTimeMs();

    List<KlineBar> bars = BybitKlineParser.bars(get(endpoints.klines("BTCUSDT", from, to)));

    assertThat(bars).hasSize(10);
    SimCandle last = candles.get(candles.size() - 1);
    assertThat(bars.get(9).openTimeMs()).isEqualTo(last.openTimeMs());
    assertThat(bars.get(9).close()).isCloseTo(last.close(), Offset.offset(0.005));
    assertThat(bars.get(9).volume()).isCloseTo(last.volume(), Offset.offset(1e-6));
    assertThat(bars.get(9).quoteVolume()).isCloseTo(last.quoteVolume(), Offset.offset(0.005));
  }

  @Test
  void openInterestAndRatioHistoryAreTheSimulatedFiveMinutePoints() throws Exception {
    var history = rig.sim.read(BTC, simulated -> simulated.history());
    // Up to the newest point read, not the wall clock: a point the simulator adds meanwhile is not in history.
    long now = history.get(history.size() - 1).timeMs();

    List<BybitOpenInterestSample> samples = BybitOpenInterestParser.samples(get(endpoints.openInterest("BTCUSDT", 0, now)));
    List<BackfillInputs.RatioPoint> ratios = BybitRatioParser.points(get(endpoints.ratios("BTCUSDT", 0, now)));

    assertThat(samples).extracting(BybitOpenInterestSample::timeMs)
        .containsExactlyElementsOf(history.stream().map(point -> point.timeMs()).toList());
    assertThat(samples.get(0).oiBase()).isCloseTo(history.get(0).oiBase(), Offset.offset(1e-6));
    assertThat(ratios).hasSameSizeAs(history);
    assertThat(ratios.get(0).longShortRatio()).isCloseTo(history.get(0).longShortRatio(), Offset.offset(0.01));
  }

  @Test
  void anUnknownSymbolGetsBybitsParamsError() {
    assertThatThrownBy(() -> BybitKlineParser.bars(get(endpoints.klines("NOPEUSDT", 0, 1))))
        .isInstanceOfSatisfying(BybitResponseException.class, e -> {
          assertThat(e.retCode()).isEqualTo(10001);
          assertThat(e.getMessage()).contains("params error: symbol invalid");
        });
  }
}
