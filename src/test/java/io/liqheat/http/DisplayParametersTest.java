package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqheat.ingest.ConnectorRig;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The display parameters shape only what is shown: after many different requests the entities'
 * live checksums and the hub's frame checksums are what they were, and the default answer is
 * identical. The feeds are stopped first, so nothing else can move the estimate meanwhile.
 */
class DisplayParametersTest {

  private static LiveApiRig rig;

  @BeforeAll
  static void start() {
    rig = LiveApiRig.start();
    rig.stopFeeds();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private record Estimate(List<String> liveChecksums, List<String> frameChecksums) {}

  private static Estimate estimate() {
    return new Estimate(
        LiveApiRig.MARKETS.stream().map(market -> rig.exchange.status(market).liveChecksum()).toList(),
        LiveApiRig.MARKETS.stream().map(market -> rig.api.hub().latest(market).frame().checksum()).toList());
  }

  /** Waits until batches still in flight when the feeds stopped have landed. */
  private static Estimate settled() {
    Estimate[] previous = {estimate()};
    return ConnectorRig.eventually(LiveApiRig.WITHIN, () -> {
      sleep();
      Estimate now = estimate();
      boolean same = now.equals(previous[0]);
      previous[0] = now;
      return same ? now : null;
    }, settled -> settled != null);
  }

  @Test
  void noDisplayParameterChangesTheEstimate() throws Exception {
    Estimate before = settled();
    String marketDefault = body("/api/v1/markets/binance:BTCUSDT/bands");
    String assetDefault = body("/api/v1/assets/BTC/bands");

    List<String> queries = List.of("range=1", "range=50", "range=99.9", "minIntensity=0.9", "minIntensity=1",
        "maxBands=1", "maxBands=100", "binWidth=0.5", "binWidth=5", "range=2&minIntensity=0.5&maxBands=3&binWidth=1",
        "exchanges=binance", "exchanges=bybit&binWidth=2", "exchanges=binance,bybit&range=5&maxBands=2");
    for (String query : queries) {
      for (String route : List.of("/api/v1/markets/binance:BTCUSDT/bands", "/api/v1/markets/bybit:BTCUSDT/bands",
          "/api/v1/markets/binance:ETHUSDT/bands", "/api/v1/assets/BTC/bands")) {
        assertThat(rig.get(route + "?" + query).statusCode()).as("%s?%s", route, query).isEqualTo(200);
      }
    }
    // Not vacuous: the parameters did change what was shown.
    JsonNode narrow = ApiJson.MAPPER.readTree(body("/api/v1/markets/binance:BTCUSDT/bands?maxBands=1"));
    assertThat(narrow.get("bands").size()).isLessThanOrEqualTo(2);
    assertThat(ApiJson.MAPPER.readTree(marketDefault).get("bands").size()).isGreaterThan(narrow.get("bands").size());

    assertThat(estimate()).isEqualTo(before);
    assertThat(body("/api/v1/markets/binance:BTCUSDT/bands")).isEqualTo(marketDefault);
    assertThat(body("/api/v1/assets/BTC/bands")).isEqualTo(assetDefault);
  }

  private static String body(String path) {
    HttpResponse<String> response = rig.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private static void sleep() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
