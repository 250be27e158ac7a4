package io.liqheat.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * The history endpoints' bounds, from {@code liqheat.http.history}. Validated before anything
 * starts, so a bad value stops start-up with the key's name.
 *
 * @param maxSpan the longest {@code from..to} one request may ask for; a month of five-minute
 *     frames is a few tens of MB read from Cassandra
 * @param maxHeatmapCells the most price bins times columns one heatmap may have; beyond it the
 *     request is refused with a hint to down-sample or widen the bins
 */
public record HistorySettings(Duration maxSpan, int maxHeatmapCells) {

  public static final String ROOT = HttpSettings.ROOT + ".history";

  public static HistorySettings fromConfig(Config config) {
    Duration maxSpan;
    int maxCells;
    try {
      maxSpan = config.getDuration(ROOT + ".max-span");
      maxCells = config.getInt(ROOT + ".max-heatmap-cells");
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ROOT + ": " + e.getMessage(), e);
    }
    if (maxSpan.toMinutes() < 5) {
      throw new IllegalArgumentException(ROOT + ".max-span must be at least one window (5 minutes), was " + maxSpan);
    }
    if (maxCells < 1) {
      throw new IllegalArgumentException(ROOT + ".max-heatmap-cells must be at least 1, was " + maxCells);
    }
    return new HistorySettings(maxSpan, maxCells);
  }
}
