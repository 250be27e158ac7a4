package io.liqheat.market;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * How market entities freeze and publish, from {@code liqheat.market}.
 *
 * @param grace how far the input watermark must pass a window's end before it freezes: input that
 *     arrives later than this for a frozen window is late and dropped
 * @param frameRange frozen frames keep bins within ± this fraction of the window's close
 * @param liveFrameRange live frames, which viewers zoom and pan, keep bins within ± this fraction
 * @param snapshotEvery a snapshot of the model every this many frozen windows
 * @param publishInterval at most one live frame per market per interval goes to subscribers
 * @param coverageSlots the window is cut into this many slots; coverage is the share that had input
 * @param backfillAfterStart whether an entity, once started, takes live input only after a backfill
 *     has filled the gap since its journal ended (true where connectors feed it: see {@link LiveMarket})
 */
public record MarketSettings(
    Duration grace, double frameRange, double liveFrameRange, int snapshotEvery, Duration publishInterval, int coverageSlots,
    boolean backfillAfterStart) {

  public static final String ROOT = "liqheat.market";

  public MarketSettings {
    if (grace.isNegative() || grace.compareTo(Duration.ofMillis(Windows.WINDOW_MS)) >= 0) {
      throw new IllegalArgumentException(ROOT + ".grace must be at least 0 and below 5 minutes, was " + grace);
    }
    if (!(frameRange > 0 && frameRange < 1)) {
      throw new IllegalArgumentException(ROOT + ".frame-range must be above 0 and below 1, was " + frameRange);
    }
    if (!(liveFrameRange > 0 && liveFrameRange < 1)) {
      throw new IllegalArgumentException(ROOT + ".live-frame-range must be above 0 and below 1, was " + liveFrameRange);
    }
    if (snapshotEvery < 1) {
      throw new IllegalArgumentException(ROOT + ".snapshot-every must be at least 1, was " + snapshotEvery);
    }
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException(ROOT + ".publish-interval must be positive, was " + publishInterval);
    }
    if (coverageSlots < 1 || Windows.WINDOW_MS % coverageSlots != 0) {
      throw new IllegalArgumentException(
          ROOT + ".coverage-slots must divide 300000 ms evenly, was " + coverageSlots);
    }
  }

  public static MarketSettings fromConfig(Config config) {
    try {
      Config block = config.getConfig(ROOT);
      return new MarketSettings(
          block.getDuration("grace"),
          block.getDouble("frame-range"),
          block.getDouble("live-frame-range"),
          block.getInt("snapshot-every"),
          block.getDuration("publish-interval"),
          block.getInt("coverage-slots"),
          false);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ROOT + ": " + e.getMessage(), e);
    }
  }

  /** These settings for entities fed by connectors, which backfill on demand, or by something else. */
  public MarketSettings withBackfillAfterStart(boolean awaited) {
    return new MarketSettings(grace, frameRange, liveFrameRange, snapshotEvery, publishInterval, coverageSlots, awaited);
  }

  public long graceMs() {
    return grace.toMillis();
  }

  public long slotMs() {
    return Windows.WINDOW_MS / coverageSlots;
  }
}
