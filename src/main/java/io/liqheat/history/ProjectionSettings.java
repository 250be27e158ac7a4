package io.liqheat.history;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import org.apache.pekko.stream.RestartSettings;

/**
 * How the frames projection writes and recovers, from {@code liqheat.history.projection}.
 *
 * @param writeParallelism upserts in flight at once
 * @param batchSize the offset is stored after at most this many written events...
 * @param batchWindow ...or after this long, whichever comes first
 * @param minBackoff first wait before the stream restarts after a failure (e.g. Cassandra away)
 * @param maxBackoff the longest wait between restarts
 * @param randomFactor jitter added to each wait, so that nodes do not retry in step
 */
public record ProjectionSettings(
    int writeParallelism,
    int batchSize,
    Duration batchWindow,
    Duration minBackoff,
    Duration maxBackoff,
    double randomFactor) {

  public static final String ROOT = "liqheat.history.projection";

  public ProjectionSettings {
    if (writeParallelism < 1) {
      throw new IllegalArgumentException(ROOT + ".write-parallelism must be at least 1, was " + writeParallelism);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(ROOT + ".batch-size must be at least 1, was " + batchSize);
    }
    if (batchWindow.isNegative() || batchWindow.isZero()) {
      throw new IllegalArgumentException(ROOT + ".batch-window must be positive, was " + batchWindow);
    }
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          ROOT + ".restart: min-backoff must be positive and at most max-backoff, was " + minBackoff + " and " + maxBackoff);
    }
    if (!(randomFactor >= 0 && randomFactor <= 1)) {
      throw new IllegalArgumentException(ROOT + ".restart.random-factor must be within 0..1, was " + randomFactor);
    }
  }

  public static ProjectionSettings fromConfig(Config config) {
    try {
      Config block = config.getConfig(ROOT);
      return new ProjectionSettings(
          block.getInt("write-parallelism"),
          block.getInt("batch-size"),
          block.getDuration("batch-window"),
          block.getDuration("restart.min-backoff"),
          block.getDuration("restart.max-backoff"),
          block.getDouble("restart.random-factor"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ROOT + ": " + e.getMessage(), e);
    }
  }

  RestartSettings restartSettings() {
    return RestartSettings.create(minBackoff, maxBackoff, randomFactor);
  }
}
