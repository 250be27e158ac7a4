package io.liqheat.http;

import io.liqheat.market.Windows;
import java.util.Arrays;

/**
 * How much time one heatmap column spans. Columns are aligned to UTC multiples of the resolution
 * (an hour column starts on the hour), so the same window lands in the same column whatever the
 * request's {@code from}: the answers of overlapping ranges agree and cache well.
 */
public enum HeatmapResolution {
  FIVE_MINUTES("5m", 1),
  FIFTEEN_MINUTES("15m", 3),
  THIRTY_MINUTES("30m", 6),
  ONE_HOUR("1h", 12),
  FOUR_HOURS("4h", 48),
  ONE_DAY("1d", 288);

  private final String id;
  private final long ms;

  HeatmapResolution(String id, int windows) {
    this.id = id;
    this.ms = windows * Windows.WINDOW_MS;
  }

  public String id() {
    return id;
  }

  public long ms() {
    return ms;
  }

  /** The start of the column that holds the window starting at {@code windowStartMs}. */
  long columnStart(long windowStartMs) {
    return Math.floorDiv(windowStartMs, ms) * ms;
  }

  /** {@code ?resolution=}: one of 5m (the default: one column per frozen window), 15m, 30m, 1h, 4h, 1d. */
  static HeatmapResolution parse(String text) {
    if (text == null) {
      return FIVE_MINUTES;
    }
    for (HeatmapResolution resolution : values()) {
      if (resolution.id.equals(text.trim())) {
        return resolution;
      }
    }
    throw ApiException.badRequest("resolution must be one of "
        + Arrays.stream(values()).map(HeatmapResolution::id).toList() + ", was '" + text + "'");
  }
}
