package io.liqheat.history;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.stream.UniqueKillSwitch;

/** A started projection: stop it, wait for it, or see how many events it has written. */
public final class RunningProjection {

  private final UniqueKillSwitch killSwitch;
  private final CompletionStage<Done> done;
  private final AtomicLong projectedEvents;

  RunningProjection(UniqueKillSwitch killSwitch, CompletionStage<Done> done, AtomicLong projectedEvents) {
    this.killSwitch = killSwitch;
    this.done = done;
    this.projectedEvents = projectedEvents;
  }

  /**
   * Events written, with their offset stored, since this start. A restart from the stored offset
   * does not count again what was already written before it.
   */
  public long projectedEvents() {
    return projectedEvents.get();
  }

  /** Stops the stream; an in-flight batch may be written again by the next start, harmlessly. */
  public CompletionStage<Done> stop() {
    killSwitch.shutdown();
    return done;
  }

  /** Completes when the stream has stopped. It restarts on failures, so only {@link #stop} ends it. */
  public CompletionStage<Done> done() {
    return done;
  }
}
