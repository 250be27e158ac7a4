package io.liqheat.sim;

import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The simulated markets of all three exchanges, run in real time: on start each market simulates
 * its recent history (so the history endpoints have something to serve and a new liqheat node
 * backfills a populated chart), then a timer advances every market to the clock ten times a second
 * and broadcasts the events to whoever streams them. Exchange routes render the events in their
 * own wire format.
 */
public final class SimulatedExchange implements AutoCloseable {

  private static final int SUBSCRIBER_BUFFER = 4096;

  private final Clock clock;
  private final SimFaults faults;
  private final Map<MarketId, Running> markets = new LinkedHashMap<>();
  private final Cancellable ticker;

  private record Running(SimulatedMarket market, BoundedSourceQueue<SimEvent> queue, Source<SimEvent, NotUsed> events) {}

  public SimulatedExchange(ActorSystem<?> system, List<SimMarketSpec> specs, long seed, Duration history, Clock clock) {
    this.clock = clock;
    this.faults = new SimFaults(clock);
    Materializer materializer = Materializer.matFromSystem(system);
    long now = clock.millis();
    for (int i = 0; i < specs.size(); i++) {
      SimMarketSpec spec = specs.get(i);
      SimulatedMarket market = new SimulatedMarket(spec, seed, now - history.toMillis(), markPhaseMs(i, specs.size()));
      market.advance(now, event -> {});
      Pair<BoundedSourceQueue<SimEvent>, Source<SimEvent, NotUsed>> hub = Source.<SimEvent>queue(SUBSCRIBER_BUFFER)
          .toMat(BroadcastHub.of(SimEvent.class, 256), Keep.both())
          .run(materializer);
      // A consumer that never lags keeps the hub moving while no client is subscribed.
      hub.second().runWith(Sink.ignore(), materializer);
      markets.put(spec.market(), new Running(market, hub.first(), hub.second()));
    }
    Duration tick = Duration.ofMillis(SimulatedMarket.TICK_MS);
    this.ticker = system.scheduler().scheduleAtFixedRate(tick, tick, this::advanceAll, system.executionContext());
  }

  /**
   * The phase of the {@code index}-th of {@code count} markets: spread evenly over the second, in
   * whole ticks, as real symbols' updates are spread (see {@link SimulatedMarket}).
   */
  static long markPhaseMs(int index, int count) {
    long ticksPerSecond = SimulatedMarket.MARK_EVERY_MS / SimulatedMarket.TICK_MS;
    return (index * ticksPerSecond / count) % ticksPerSecond * SimulatedMarket.TICK_MS;
  }

  public Clock clock() {
    return clock;
  }

  public SimFaults faults() {
    return faults;
  }

  public List<MarketId> markets() {
    return List.copyOf(markets.keySet());
  }

  public List<MarketId> markets(Exchange exchange) {
    return markets.keySet().stream().filter(market -> market.exchange() == exchange).toList();
  }

  public boolean has(MarketId market) {
    return markets.containsKey(market);
  }

  /** Live events of one market from now on. A subscriber that falls behind loses its oldest events, never slows others. */
  public Source<SimEvent, NotUsed> events(MarketId market) {
    return running(market).events().buffer(SUBSCRIBER_BUFFER, OverflowStrategy.dropHead());
  }

  /** Reads a market's state under its lock, e.g. candles for a kline request. */
  public <T> T read(MarketId market, Function<SimulatedMarket, T> reader) {
    SimulatedMarket simulated = running(market).market();
    synchronized (simulated) {
      return reader.apply(simulated);
    }
  }

  private Running running(MarketId market) {
    Running running = markets.get(market);
    if (running == null) {
      throw new NoSuchElementException("the simulator has no market " + market);
    }
    return running;
  }

  private void advanceAll() {
    long now = clock.millis();
    for (Running running : markets.values()) {
      synchronized (running.market()) {
        running.market().advance(now, running.queue()::offer);
      }
    }
  }

  @Override
  public void close() {
    ticker.cancel();
    markets.values().forEach(running -> running.queue().complete());
  }
}
