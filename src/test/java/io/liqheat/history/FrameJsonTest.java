package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MarketId MARKET = MarketId.parse("binance:BTCUSDT");
  private static final long START = Instant.parse("2026-11-20T23:50:00Z").toEpochMilli();
  private static final List<WindowFrozen> WINDOWS = FrozenWindows.chain(MARKET, "v1", START, 3, 97_000, "");

  private static JsonNode line(FrozenFrameRow row) throws Exception {
    String line = FrameJson.line(row);
    assertThat(line).doesNotContain("\n").doesNotContain("NaN").doesNotContain("Infinity");
    return JSON.readTree(line);
  }

  @Test
  void aLineCarriesTheWindowItsChainAndItsCandle() throws Exception {
    WindowFrozen event = WINDOWS.get(0);

    JsonNode json = line(FrozenFrameRow.of(event, 1));

    assertThat(json.get("market").asText()).isEqualTo("binance:BTCUSDT");
    assertThat(json.get("modelVersion").asText()).isEqualTo("v1");
    assertThat(json.get("windowStart").isIntegralNumber()).isTrue();
    assertThat(json.get("windowStart").asLong()).isEqualTo(START);
    assertThat(json.get("sequenceNr").asLong()).isEqualTo(1);
    assertThat(json.get("checksum").asText()).isEqualTo(event.checksum()).hasSize(64);
    assertThat(json.get("prevChecksum").asText()).isEmpty();
    assertThat(json.get("coverage").asDouble()).isEqualTo(1.0);
    assertThat(json.get("candle").get("open").asDouble()).isEqualTo(event.candle().open());
    assertThat(json.get("candle").get("high").asDouble()).isEqualTo(event.candle().high());
    assertThat(json.get("candle").get("low").asDouble()).isEqualTo(event.candle().low());
    assertThat(json.get("candle").get("close").asDouble()).isEqualTo(event.candle().close());
    assertThat(json.get("candle").get("volume").asDouble()).isEqualTo(event.candle().volume());
    assertThat(json.get("closePrice").asDouble()).isEqualTo(97_000);
    assertThat(json.get("oiCloseUsd").asDouble()).isEqualTo(5e9);
    assertThat(json.get("stepCount").asInt()).isEqualTo(1);
  }

  @Test
  void unknownNumbersAreNullAndAMissingCandleIsNull() throws Exception {
    JsonNode first = line(FrozenFrameRow.of(WINDOWS.get(0), 1));
    JsonNode noTrades = line(FrozenFrameRow.of(WINDOWS.get(1), 2));
    JsonNode noVolume = line(FrozenFrameRow.of(WINDOWS.get(2), 3));

    assertThat(first.has("oiCloseBase")).isTrue();
    assertThat(first.get("oiCloseBase").isNull()).isTrue();
    assertThat(noTrades.get("candle").isNull()).isTrue();
    assertThat(noTrades.get("prevChecksum").asText()).isEqualTo(WINDOWS.get(0).checksum());
    assertThat(noVolume.get("candle").get("volume").isNull()).isTrue();
    assertThat(noVolume.get("candle").get("close").isNumber()).isTrue();
  }

  @Test
  void bandsAreTheStrongestOfEachSideAroundTheClose() throws Exception {
    WindowFrozen event = WINDOWS.get(0);

    JsonNode bands = line(FrozenFrameRow.of(event, 1)).get("bands");

    assertThat(bands.isArray()).isTrue();
    long longs = 0;
    long shorts = 0;
    for (JsonNode band : bands) {
      assertThat(band.get("side").asText()).isIn("long", "short");
      double low = band.get("low").asDouble();
      double high = band.get("high").asDouble();
      assertThat(low).isLessThan(high);
      assertThat(low).isGreaterThanOrEqualTo(event.closePrice() * 0.9 * 0.999);
      assertThat(high).isLessThanOrEqualTo(event.closePrice() * 1.1 * 1.001);
      assertThat(band.get("notionalUsd").asDouble()).isPositive();
      assertThat(band.get("intensity").asDouble()).isBetween(FrameJson.MIN_INTENSITY, 1.0);
      if (band.get("side").asText().equals("long")) {
        longs++;
      } else {
        shorts++;
      }
    }
    assertThat(longs).isBetween(1L, 3L);
    assertThat(shorts).isBetween(1L, 3L);
    // The strongest long run sits 2 % below the close, the strongest short run 3 % above.
    assertThat(bands)
        .anySatisfy(band -> {
          assertThat(band.get("side").asText()).isEqualTo("long");
          assertThat(band.get("intensity").asDouble()).isEqualTo(1.0);
          assertThat(band.get("low").asDouble()).isLessThan(97_000 * 0.98).isGreaterThan(97_000 * 0.97);
        })
        .anySatisfy(band -> {
          assertThat(band.get("side").asText()).isEqualTo("short");
          assertThat(band.get("intensity").asDouble()).isEqualTo(1.0);
          assertThat(band.get("high").asDouble()).isGreaterThan(97_000 * 1.03).isLessThan(97_000 * 1.04);
        });
  }

  @Test
  void aWindowThatNeverSawAPriceHasNoBandsAndANullClose() throws Exception {
    FrozenFrameRow row = FrozenFrameRow.of(WINDOWS.get(0), 1);
    FrozenFrameRow priceless =
        new FrozenFrameRow(row.market(), row.modelVersion(), row.windowStartMs(), row.sequenceNr(), row.checksum(),
            row.prevChecksum(), 0.0, null, Double.NaN, Double.NaN, 0, 0, Double.NaN, row.frameRange(), 0,
            row.frame());

    JsonNode json = line(priceless);

    assertThat(json.get("closePrice").isNull()).isTrue();
    assertThat(json.get("oiCloseUsd").isNull()).isTrue();
    assertThat(json.get("bands")).isEmpty();
  }
}
