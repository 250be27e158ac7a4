package io.liqheat.sim;

import io.liqheat.market.Exchange;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;

/**
 * Faults the simulator can be told to inject, per exchange, so the connectors' reliability can be
 * tested against a real server: dropped connections, silence, rate limits and malformed messages.
 * Every exchange's routes consult it.
 */
public final class SimFaults {

  private final Clock clock;
  private final Map<Exchange, PerExchange> exchanges = new EnumMap<>(Exchange.class);

  public SimFaults(Clock clock) {
    this.clock = clock;
    for (Exchange exchange : Exchange.values()) {
      exchanges.put(exchange, new PerExchange());
    }
  }

  /** Add {@code via(faults.connections(exchange).flow())} to every WebSocket flow of the exchange. */
  public SharedKillSwitch connections(Exchange exchange) {
    return exchanges.get(exchange).connections.get();
  }

  /** Drops every open WebSocket connection of the exchange; new connections are accepted. */
  public void dropConnections(Exchange exchange) {
    SharedKillSwitch old = exchanges.get(exchange).connections.getAndSet(newKillSwitch(exchange));
    old.abort(new IllegalStateException("simulated connection drop"));
  }

  /** The exchange's WebSocket streams send nothing (not even acks or pongs) for this long. */
  public void silence(Exchange exchange, Duration duration) {
    exchanges.get(exchange).silentUntilMs.set(clock.millis() + duration.toMillis());
  }

  public boolean silent(Exchange exchange) {
    return clock.millis() < exchanges.get(exchange).silentUntilMs.get();
  }

  /** The next {@code count} REST requests to the exchange are answered 429 with this Retry-After. */
  public void rateLimitNext(Exchange exchange, int count, int retryAfterSeconds) {
    PerExchange state = exchanges.get(exchange);
    state.retryAfterSeconds.set(retryAfterSeconds);
    state.rateLimited.set(count);
  }

  /** The Retry-After seconds if this REST request is to be refused with 429, else -1. */
  public int takeRateLimit(Exchange exchange) {
    PerExchange state = exchanges.get(exchange);
    return state.rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? state.retryAfterSeconds.get() : -1;
  }

  public long rateLimitedRequests(Exchange exchange) {
    return exchanges.get(exchange).refused.get();
  }

  /** Counts a request answered 429, for tests. */
  public void refused(Exchange exchange) {
    exchanges.get(exchange).refused.incrementAndGet();
  }

  /** The next {@code count} WebSocket data messages of the exchange are sent malformed. */
  public void malformNext(Exchange exchange, int count) {
    exchanges.get(exchange).malformed.set(count);
  }

  /** True if this outgoing data message is to be malformed. */
  public boolean takeMalformed(Exchange exchange) {
    return exchanges.get(exchange).malformed.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  private static SharedKillSwitch newKillSwitch(Exchange exchange) {
    return KillSwitches.shared("sim-" + exchange.id() + "-connections");
  }

  private static final class PerExchange {
    final AtomicReference<SharedKillSwitch> connections = new AtomicReference<>(KillSwitches.shared("sim-connections"));
    final AtomicLong silentUntilMs = new AtomicLong();
    final AtomicInteger rateLimited = new AtomicInteger();
    final AtomicInteger retryAfterSeconds = new AtomicInteger();
    final AtomicInteger malformed = new AtomicInteger();
    final AtomicLong refused = new AtomicLong();
  }
}
