package io.liqheat.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Finds the SSE streams that have been quiet for the heartbeat interval and tells them, from one
 * sweep for the whole node.
 *
 * <p>Why not a timer per stream: each stream's timer fired once an interval whether or not the
 * stream had written since, and every firing is a task handed from Pekko's scheduler thread to the
 * stream's actor. At 10,000 viewers and a 15 s interval that was ~670 such hand-offs a second, on
 * the threads that write the live updates, for streams that get a {@code bands} event every second
 * or so and never need a heartbeat. The sweep reads each stream's last write time and wakes only
 * the quiet ones. It runs ten times an interval (at most once a second), so a heartbeat goes out
 * between one interval and 1.1 intervals (at most a second more) after the stream's last write.
 */
final class Heartbeats implements AutoCloseable {

  /** A stream as the sweep sees it. */
  interface Stream {
    /** {@link System#nanoTime()} of its last write; read from the sweep's thread. */
    long lastWriteNanos();

    /** The stream has been quiet for an interval; called on the sweep's thread, must return at once. */
    void quiet();
  }

  private static final Duration LONGEST_SWEEP_PERIOD = Duration.ofSeconds(1);
  private static final Duration SHORTEST_SWEEP_PERIOD = Duration.ofMillis(10);

  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final Duration interval;
  private final Cancellable sweeps;

  private Heartbeats(ActorSystem<?> system, Duration interval) {
    this.interval = interval;
    Duration period = sweepPeriod(interval);
    this.sweeps = system.classicSystem().scheduler()
        .scheduleAtFixedRate(period, period, () -> sweep(System.nanoTime()), system.executionContext());
  }

  /** Sweeps {@code system}'s streams for quiet ones until closed or the system stops. */
  static Heartbeats start(ActorSystem<?> system, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive, was " + interval);
    }
    return new Heartbeats(system, interval);
  }

  static Duration sweepPeriod(Duration interval) {
    Duration tenth = interval.dividedBy(10);
    if (tenth.compareTo(LONGEST_SWEEP_PERIOD) > 0) {
      return LONGEST_SWEEP_PERIOD;
    }
    return tenth.compareTo(SHORTEST_SWEEP_PERIOD) < 0 ? SHORTEST_SWEEP_PERIOD : tenth;
  }

  Duration interval() {
    return interval;
  }

  /** Whether a stream whose last write was at {@code lastWriteNanos} is due a heartbeat at {@code nowNanos}. */
  boolean isQuiet(long lastWriteNanos, long nowNanos) {
    return nowNanos - lastWriteNanos >= interval.toNanos();
  }

  void add(Stream stream) {
    streams.add(stream);
  }

  void remove(Stream stream) {
    streams.remove(stream);
  }

  /** Tells every stream quiet at {@code nowNanos}; the scheduled sweep, and tests with their own clock. */
  void sweep(long nowNanos) {
    for (Stream stream : streams) {
      if (isQuiet(stream.lastWriteNanos(), nowNanos)) {
        stream.quiet();
      }
    }
  }

  @Override
  public void close() {
    sweeps.cancel();
  }
}
