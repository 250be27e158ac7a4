package io.liqheat.sim.okx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.ingest.ConnectorRig;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.ParseSink;
import io.liqheat.ingest.okx.OkxApiException;
import io.liqheat.ingest.okx.OkxCandleParser;
import io.liqheat.ingest.okx.OkxInstrument;
import io.liqheat.ingest.okx.OkxInstrumentParser;
import io.liqheat.ingest.okx.OkxInstruments;
import io.liqheat.ingest.okx.OkxLastMarks;
import io.liqheat.ingest.okx.OkxOpenInterestVolumeParser;
import io.liqheat.ingest.okx.OkxRatioParser;
import io.liqheat.ingest.okx.OkxRestPaths;
import io.liqheat.ingest.okx.OkxStreamParser;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimCandle;
import io.liqheat.sim.SimEvent;
import io.liqheat.sim.SimMarketSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's OKX REST answers, read back with the connector's own parsers (a round trip). */
class OkxSimRoutesTest {

  private static final MarketId BTC = MarketId.parse("okx:BTC-USDT-SWAP");
  private static final MarketId UNKNOWN = MarketId.parse("okx:NOPE-USDT-SWAP");
  private static ConnectorRig rig;
  private static OkxRestPaths paths;

  @BeforeAll
  static void start() {
    rig = ConnectorRig.start(List.of(SimMarketSpec.typical(BTC, 60_000, 0.01)), Duration.ofHours(2));
    paths = new OkxRestPaths(rig.httpUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    // Idle client pools would otherwise hold the actor system's shutdown.
    Http.get(rig.system).shutdownAllConnectionPools().toCompletableFuture().get(10, TimeUnit.SECONDS);
    rig.close();
  }

  private static String get(String url) {
    try {
      HttpResponse response = Http.get(rig.system).singleRequest(HttpRequest.GET(url)).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(response.status().intValue()).as(url).isEqualTo(200);
      return response.entity().toStrict(5_000, org.apache.pekko.stream.Materializer.matFromSystem(rig.system))
          .toCompletableFuture().get(10, TimeUnit.SECONDS).getData().utf8String();
    } catch (Exception e) {
      throw new IllegalStateException(url, e);
    }
  }

  @Test
  void instrumentsGiveTheContractSizeAsCtVal() {
    assertThat(OkxInstrumentParser.parse(get(paths.instrument(BTC)), BTC)).isEqualTo(new OkxInstrument(BTC, 0.01, false));
  }

  @Test
  void unknownSymbolsGetOkxsErrorJson() {
    String answer = get(paths.instrument(UNKNOWN));

    assertThat(answer).isEqualTo("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}");
    assertThatThrownBy(() -> OkxInstrumentParser.parse(answer, UNKNOWN)).isInstanceOf(OkxApiException.class);
    assertThat(get(paths.candles(UNKNOWN, Long.MAX_VALUE, 0))).contains("\"code\":\"51001\"");
    assertThat(get(paths.ratio("NOPE", 0))).contains("\"code\":\"51000\"");
  }

  @Test
  void historyCandlesPageBackwardsAndMatchTheSimulator() {
    List<SimCandle> simulated = rig.sim.read(BTC, market -> market.candles());
    SimCandle last = simulated.get(simulated.size() - 1);
    long from = simulated.get(0).openTimeMs();

    List<KlineBar> page = OkxCandleParser.bars(get(paths.candles(BTC, last.openTimeMs() + 1, from)));

    assertThat(page).hasSize(OkxRestPaths.CANDLES_PER_PAGE);
    assertThat(page.get(0).openTimeMs()).isEqualTo(last.openTimeMs());
    assertThat(page.get(0).close()).isEqualTo(last.close());
    assertThat(page.get(0).volume()).isCloseTo(last.volume(), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(page.get(1).openTimeMs()).isLessThan(page.get(0).openTimeMs());
    List<KlineBar> older = OkxCandleParser.bars(get(paths.candles(BTC, page.get(page.size() - 1).openTimeMs(), from)));
    assertThat(older).isNotEmpty().allSatisfy(bar -> assertThat(bar.openTimeMs()).isLessThan(page.get(page.size() - 1).openTimeMs()));
  }

  @Test
  void openInterestAndRatioHistoryAreServedPerCurrency() {
    // The simulator's time, not the wall clock: no point is added up to it between the two requests.
    long now = rig.simulatedTime(BTC);
    List<OkxOpenInterestVolumeParser.Point> openInterest =
        OkxOpenInterestVolumeParser.points(get(paths.openInterestVolume("BTC", now - 3_600_000, now)));
    var ratios = OkxRatioParser.points(get(paths.ratio("BTC", now - 3_600_000, now)));

    assertThat(openInterest).hasSizeGreaterThanOrEqualTo(10);
    assertThat(openInterest.get(0).timeMs()).isGreaterThan(openInterest.get(1).timeMs());
    assertThat(openInterest).allSatisfy(point -> assertThat(point.oiUsd()).isPositive());
    assertThat(ratios).hasSameSizeAs(openInterest);
    assertThat(ratios).allSatisfy(point -> assertThat(point.longShortRatio()).isPositive());
  }

  @Test
  void streamPushesRoundTripThroughTheStreamParser() {
    SimMarketSpec spec = rig.sim.read(BTC, market -> market.spec());
    OkxStreamParser parser = new OkxStreamParser(new OkxInstruments(Set.of(new OkxInstrument(BTC, 0.01, false))),
        new OkxLastMarks(), error -> {});
    List<MarketInput> inputs = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    ParseSink sink = new ParseSink() {
      @Override
      public void input(MarketInput input) {
        inputs.add(input);
      }

      @Override
      public void malformed(MarketId market, String reason) {
        malformed.add(reason);
      }
    };

    parser.parse(OkxSimWire.push(spec, new SimEvent.Mark(1000, 60_000.5, 60_000, 0.0001, 0)), sink);
    parser.parse(OkxSimWire.push(spec, new SimEvent.Trade(1001, 7, 60_001.5, 0.25, true)), sink);
    parser.parse(OkxSimWire.push(spec, new SimEvent.OpenInterest(1002, 1234.5, 1234.5 * 60_000.5)), sink);
    parser.parse(OkxSimWire.push(spec, new SimEvent.Liquidation(1003, true, 59_000, 0.5)), sink);
    parser.parse(OkxSimWire.push(spec, new SimEvent.Liquidation(1004, false, 61_000, 0.03)), sink);

    assertThat(malformed).isEmpty();
    assertThat(inputs).containsExactly(
        new MarketInput.MarkPrice(BTC, 1000, 60_000.5),
        new MarketInput.Trade(BTC, 1001, 60_001.5, 0.25, true),
        new MarketInput.OpenInterest(BTC, 1002, 1234.5, 1234.5 * 60_000.5),
        new MarketInput.Liquidation(BTC, 1003, true, 59_000, 0.5),
        new MarketInput.Liquidation(BTC, 1004, false, 61_000, 0.03));
  }
}
