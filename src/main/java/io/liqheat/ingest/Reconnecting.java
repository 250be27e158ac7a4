package io.liqheat.ingest;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Runs a connection again and again, with exponential backoff plus jitter between attempts, whether
 * it ended by failure, by a stale stream or by the age cut; each new attempt subscribes afresh.
 */
public final class Reconnecting {

  private Reconnecting() {}

  public static <T> Source<T, NotUsed> source(
      ConnectorSettings settings, ConnectorMonitor monitor, Supplier<Source<T, NotUsed>> connection) {
    RestartSettings restart = RestartSettings.create(settings.minBackoff(), settings.maxBackoff(), settings.randomFactor());
    AtomicBoolean first = new AtomicBoolean(true);
    return RestartSource.withBackoff(restart, () -> {
      if (!first.getAndSet(false)) {
        monitor.reconnected();
        monitor.state(ConnectorState.RECONNECTING);
      }
      return connection.get().watchTermination((notUsed, done) -> {
        done.whenComplete((ok, failure) -> {
          if (monitor.state() != ConnectorState.STALE && monitor.state() != ConnectorState.STOPPED) {
            monitor.state(ConnectorState.RECONNECTING);
          }
        });
        return NotUsed.getInstance();
      });
    });
  }
}
