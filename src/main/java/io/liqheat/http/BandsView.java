package io.liqheat.http;

import java.util.List;

/**
 * The live estimate as a band endpoint answers it and as every SSE {@code snapshot}/{@code bands}
 * event carries it.
 *
 * @param subject a market id ("binance:BTCUSDT") or an asset ("BTC")
 * @param markets the markets summed into it (one for a market view)
 * @param price mark or last price; for an asset view, the mean over its markets
 * @param asOf exchange time of the newest input, epoch ms
 * @param publishedAt wall-clock time the newest frame left its entity, epoch ms (for latency)
 * @param nearest per side, the strongest band within one expected move (null entries where none)
 * @param limits what the estimate cannot know; every surface shows it
 */
public record BandsView(
    String subject,
    List<String> markets,
    String modelVersion,
    long asOf,
    long publishedAt,
    Double price,
    List<BandDto> bands,
    ExpectedMove expectedMove,
    Nearest nearest,
    long lastFrozenWindowStart,
    String limits) {

  /** The nearest clusters below ("long") and above ("short") the price. */
  public record Nearest(NearestCluster longSide, NearestCluster shortSide) {

    @com.fasterxml.jackson.annotation.JsonProperty("long")
    public NearestCluster longSide() {
      return longSide;
    }

    @com.fasterxml.jackson.annotation.JsonProperty("short")
    public NearestCluster shortSide() {
      return shortSide;
    }
  }
}
