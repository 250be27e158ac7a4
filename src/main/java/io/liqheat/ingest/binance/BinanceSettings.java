package io.liqheat.ingest.binance;

import io.liqheat.ingest.ConnectorSettings;

/**
 * Binance's own keys under {@code liqheat.ingest.exchanges.binance}.
 *
 * @param maxStreamsPerConnection streams one WebSocket carries; markets are split over connections by it
 * @param requestWeightPerMinute REST weight per minute the pollers may use (Binance allows 2400 per IP)
 * @param dataRequestsPerFiveMinutes requests per 5 minutes to {@code /futures/data/*}, which Binance
 *     limits per IP apart from the weight
 */
public record BinanceSettings(int maxStreamsPerConnection, int requestWeightPerMinute, int dataRequestsPerFiveMinutes) {

  /** One combined connection carries two streams per market plus the all-market liquidation stream. */
  public int marketsPerConnection() {
    return Math.max(1, (maxStreamsPerConnection - 1) / 2);
  }

  public static BinanceSettings fromConfig(ConnectorSettings settings) {
    ConnectorSettings.Keys keys = new ConnectorSettings.Keys(settings.exchangeConfig(), ConnectorSettings.ROOT + ".exchanges.binance");
    int streams = keys.positiveInt("max-streams-per-connection");
    if (streams < 3) {
      throw new IllegalArgumentException(ConnectorSettings.ROOT
          + ".exchanges.binance.max-streams-per-connection must be at least 3 (one market and the liquidation stream), was " + streams);
    }
    return new BinanceSettings(streams, keys.positiveInt("request-weight-per-minute"),
        keys.positiveInt("data-requests-per-5-minutes"));
  }
}
