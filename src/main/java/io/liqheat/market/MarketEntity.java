package io.liqheat.market;

import io.liqheat.metrics.NodeMetrics;
import io.liqheat.model.BandQuery;
import io.liqheat.model.Calibration;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One market, event-sourced: its journal holds one {@link WindowFrozen} per five minutes of
 * exchange time, and nothing else.
 *
 * <p>The actor only moves state: {@link LiveMarket} turns input into steps and closed windows,
 * {@link WindowFreezer} turns closed windows into events, {@link MarketState} applies them.
 *
 * <p>A journal failure restarts the entity with back-off; the {@link LiveMarket} is a field of this
 * object, which outlives those restarts, so windows that closed while Cassandra was down are frozen
 * when it is back, and none is lost.
 */
public final class MarketEntity extends EventSourcedBehavior<MarketCommand, WindowFrozen, MarketState> {

  /** One persist writes at most this many windows; a backlog freezes in several persists. */
  static final int MAX_WINDOWS_PER_PERSIST = 500;

  private static final String PUBLISH_TIMER = "publish";

  private final MarketId market;
  private final Calibration calibration;
  private final MarketSettings settings;
  private final LiveMarket live;
  private final ActorContext<MarketCommand> context;
  private final TimerScheduler<MarketCommand> timers;
  private final ActorRef<Topic.Command<LiveUpdate>> topic;
  private boolean publishPending;

  public static Behavior<MarketCommand> create(
      MarketId market, PersistenceId persistenceId, Calibration calibration, MarketSettings settings) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context ->
        new MarketEntity(market, persistenceId, calibration, settings, context, timers)));
  }

  /** The pub-sub topic a market's live updates go to; subscribers on any node use the same name and type. */
  public static String topicName(MarketId market) {
    return "live-" + market.exchange().id() + "-" + market.symbol();
  }

  private MarketEntity(
      MarketId market,
      PersistenceId persistenceId,
      Calibration calibration,
      MarketSettings settings,
      ActorContext<MarketCommand> context,
      TimerScheduler<MarketCommand> timers) {
    // Children are kept: a journal failure restarts only the persistence, and the live pub-sub topic
    // (a child spawned once, below) must outlive it. By default a restart stops every child.
    super(persistenceId, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(500), Duration.ofSeconds(20), 0.2)
        .withStopChildren(false));
    this.market = market;
    this.calibration = calibration;
    this.settings = settings;
    this.live = new LiveMarket(market, calibration, settings);
    this.context = context;
    this.timers = timers;
    this.topic = context.spawn(Topic.create(LiveUpdate.class, topicName(market)), "live-topic");
  }

  @Override
  public MarketState emptyState() {
    return MarketState.empty(market, calibration.modelVersion());
  }

  @Override
  public CommandHandler<MarketCommand, WindowFrozen, MarketState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(MarketCommand.Ingest.class, this::onIngest)
        .onCommand(MarketCommand.FreezeDue.class, (state, command) -> freezeClosedWindows(state))
        .onCommand(MarketCommand.GetLive.class, this::onGetLive)
        .onCommand(MarketCommand.GetLiveFrame.class, this::onGetLiveFrame)
        .onCommand(MarketCommand.GetStatus.class, this::onGetStatus)
        .onCommand(MarketCommand.PublishDue.class, (state, command) -> onPublishDue())
        .onCommand(MarketCommand.Stop.class, (state, command) -> Effect().stop())
        .build();
  }

  private Effect<WindowFrozen, MarketState> onIngest(MarketState state, MarketCommand.Ingest command) {
    IngestAck ack = live.ingest(command.source(), command.sequence(), command.batch());
    if (!ack.duplicate()) {
      publishSoon();
    }
    return freezeClosedWindows(state).thenReply(command.replyTo(), after -> ack);
  }

  private EffectBuilder<WindowFrozen, MarketState> freezeClosedWindows(MarketState state) {
    List<ClosedWindow> closed = live.closedWindows(MAX_WINDOWS_PER_PERSIST);
    if (closed.isEmpty()) {
      return Effect().none();
    }
    List<WindowFrozen> events = WindowFreezer.freeze(state, closed, calibration, settings.frameRange());
    return Effect()
        .persist(events)
        .thenRun(after -> {
          live.frozen(events);
          events.forEach(event -> topic.tell(Topic.publish(WindowClosed.of(event))));
          if (!live.closedWindows(1).isEmpty()) {
            context.getSelf().tell(new MarketCommand.FreezeDue());
          }
        });
  }

  private Effect<WindowFrozen, MarketState> onGetLiveFrame(MarketState state, MarketCommand.GetLiveFrame command) {
    command.replyTo().tell(liveFrame());
    return Effect().none();
  }

  private Effect<WindowFrozen, MarketState> onGetLive(MarketState state, MarketCommand.GetLive command) {
    double price = live.price();
    BandQuery query = command.query() != null || !Double.isFinite(price)
        ? command.query()
        : new BandQuery(price, 0.10, 0.0, 20);
    command.replyTo().tell(new LiveView(
        market,
        calibration.modelVersion(),
        live.counters().lastInputMs(),
        price,
        query == null ? List.of() : live.bands(query),
        live.currentCandle(),
        live.counters(),
        state.lastFrozenWindowStartMs(),
        live.bookToOi(),
        LiveView.LIMITS));
    return Effect().none();
  }

  private Effect<WindowFrozen, MarketState> onGetStatus(MarketState state, MarketCommand.GetStatus command) {
    command.replyTo().tell(new MarketStatus(market, calibration.modelVersion(), state.lastFrozenWindowStartMs(),
        state.framesFrozen(), state.lastChecksum(), live.liveChecksum(), live.watermarkMs(), live.counters()));
    return Effect().none();
  }

  /** At most one live frame per publish interval; the newest change is never left unsent. */
  private void publishSoon() {
    if (timers.isTimerActive(PUBLISH_TIMER)) {
      publishPending = true;
      return;
    }
    publish();
    timers.startSingleTimer(PUBLISH_TIMER, new MarketCommand.PublishDue(), settings.publishInterval());
  }

  private Effect<WindowFrozen, MarketState> onPublishDue() {
    if (publishPending) {
      publishPending = false;
      publish();
      timers.startSingleTimer(PUBLISH_TIMER, new MarketCommand.PublishDue(), settings.publishInterval());
    }
    return Effect().none();
  }

  private void publish() {
    if (!live.changedSinceLastPublish()) {
      return;
    }
    LiveFrame frame = liveFrame();
    if (frame.frame() != null) {
      topic.tell(Topic.publish(frame));
    }
  }

  private LiveFrame liveFrame() {
    return new LiveFrame(market, calibration.modelVersion(), live.counters().lastInputMs(), live.price(),
        live.liveFrame(), live.currentCandle(), live.counters(), System.currentTimeMillis());
  }

  @Override
  public EventHandler<MarketState, WindowFrozen> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        // MarketState is changed in place, and Pekko applies events before the write completes and
        // keeps the one emptyState() instance across journal-failure restarts: a fresh empty state
        // keeps a failed write out of the state that the next recovery starts from.
        .onEvent(WindowFrozen.class, (state, event) -> (state.framesFrozen() == 0
            ? MarketState.empty(market, calibration.modelVersion())
            : state).apply(event, calibration))
        .build();
  }

  @Override
  public SignalHandler<MarketState> signalHandler() {
    return newSignalHandlerBuilder()
        // Only a journal failure restarts this entity (its supervision, above); counted for operators,
        // since the entity itself rides such an outage out without losing a window.
        .onSignal(PreRestart.instance(), state -> NodeMetrics.get(context.getSystem()).cassandraError("journal"))
        .onSignal(RecoveryCompleted.instance(), state -> {
          live.recovered(state);
          if (!live.closedWindows(1).isEmpty()) {
            context.getSelf().tell(new MarketCommand.FreezeDue());
          }
        })
        .build();
  }

  /** Copies the mutable state on the entity's thread, so the snapshot store never sees it change. */
  @Override
  public SnapshotAdapter<MarketState> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(MarketState state) {
        return state.toSnapshot();
      }

      @Override
      public MarketState fromJournal(Object from) {
        return MarketState.of((MarketSnapshot) from);
      }
    };
  }

  @Override
  public Set<String> tagsFor(WindowFrozen event) {
    return Set.of(WindowFrozen.TAG);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }
}
