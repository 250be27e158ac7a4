package io.liqheat.history;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Runs the frames projection once per cluster: a cluster singleton owns it, starts it where it
 * lives and stops it when it moves. Two copies would still write correct rows, only twice.
 */
public final class FramesProjectionSingleton {

  private FramesProjectionSingleton() {}

  public static void init(ActorSystem<?> system) {
    ClusterSingleton.get(system).init(SingletonActor.of(behavior(), "frames-projection"));
  }

  private static Behavior<Void> behavior() {
    return Behaviors.setup(context -> {
      RunningProjection running = new FramesProjection(context.getSystem()).start();
      return Behaviors.receive(Void.class)
          .onSignal(PostStop.class, signal -> {
            running.stop();
            return Behaviors.same();
          })
          .build();
    });
  }
}
