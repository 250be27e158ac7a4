package io.liqheat.history;

import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The smallest event-sourced market for read-side tests: it persists the WindowFrozen events it
 * is given, tagged like the real entity's, and nothing else. The read side must not depend on the
 * entity's logic, only on its events.
 */
final class FrozenWindowLog extends EventSourcedBehavior<FrozenWindowLog.Append, WindowFrozen, Long> {

  /** Persist these events atomically (one write, as the entity does for several windows). */
  record Append(List<WindowFrozen> events, ActorRef<Done> replyTo) {}

  static Behavior<Append> create(MarketId market) {
    return new FrozenWindowLog(PersistenceId.of("FrozenWindowLog", market.toString()));
  }

  private FrozenWindowLog(PersistenceId persistenceId) {
    super(persistenceId);
  }

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public CommandHandler<Append, WindowFrozen, Long> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            Append.class,
            append -> Effect().persist(append.events()).thenReply(append.replyTo(), count -> Done.getInstance()))
        .build();
  }

  @Override
  public EventHandler<Long, WindowFrozen> eventHandler() {
    return (count, event) -> count + 1;
  }

  @Override
  public Set<String> tagsFor(WindowFrozen event) {
    return Set.of(WindowFrozen.TAG);
  }
}
