package io.liqheat.ingest;

import io.liqheat.market.IngestAck;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters and state of one connection, written by its stream stages and read by the API from
 * any thread. Malformed messages are logged at most once per {@code logInterval} per reason, with
 * the count since the last line, so a flood of bad frames cannot flood the log.
 */
public final class ConnectorMonitor {

  private static final Logger log = LoggerFactory.getLogger(ConnectorMonitor.class);

  private final String exchange;
  private final String connection;
  private final Clock clock;
  private final long logIntervalMs;
  private final AtomicReference<ConnectorState> state = new AtomicReference<>(ConnectorState.CONNECTING);
  private final AtomicLong lastMessageMs = new AtomicLong();
  private final LongAdder messages = new LongAdder();
  private final LongAdder inputs = new LongAdder();
  private final LongAdder trades = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder staleDetections = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder late = new LongAdder();
  private final Map<String, LongAdder> malformed = new ConcurrentHashMap<>();
  private final Map<MarketId, MarketTally> perMarket = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastLoggedMs = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> unloggedSince = new ConcurrentHashMap<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile Set<MarketId> carried = Set.of();

  public ConnectorMonitor(String exchange, String connection, Duration logInterval, Clock clock) {
    this.exchange = exchange;
    this.connection = connection;
    this.logIntervalMs = logInterval.toMillis();
    this.clock = clock;
  }

  public String exchange() {
    return exchange;
  }

  public String connection() {
    return connection;
  }

  /** The markets whose live stream this connection carries, once the connector knows them. */
  public void carries(Collection<MarketId> markets) {
    carried = Set.copyOf(markets);
  }

  public ConnectorState state() {
    return state.get();
  }

  public void state(ConnectorState newState) {
    ConnectorState previous = state.getAndSet(newState);
    if (previous != newState) {
      log.info("{} {}: {} -> {}", exchange, connection, previous.id(), newState.id());
    }
  }

  public void messageReceived() {
    messagesReceived(1);
  }

  /** Messages that arrived together (one WebSocket read): counted, and the clock read, once for all. */
  public void messagesReceived(int count) {
    messages.add(count);
    lastMessageMs.set(clock.millis());
  }

  public void inputsProduced(int count, int tradeCount) {
    inputs.add(count);
    trades.add(tradeCount);
  }

  /** One assembled batch of a market: counted per group of messages, not per message, off the parse loop. */
  public void marketBatch(MarketId market, int inputCount, int tradeCount) {
    MarketTally tally = tally(market);
    tally.inputs.add(inputCount);
    tally.trades.add(tradeCount);
  }

  /** The entity's answer to a batch of the market: its late inputs count here and in {@link #late(long)}. */
  public void acknowledged(MarketId market, IngestAck ack) {
    MarketTally tally = tally(market);
    tally.invalid.add(ack.invalid());
    tally.late.add(ack.late());
    late(ack.late());
  }

  private MarketTally tally(MarketId market) {
    return perMarket.computeIfAbsent(market, m -> new MarketTally());
  }

  public void reconnected() {
    reconnects.increment();
  }

  public void stale() {
    staleDetections.increment();
    state(ConnectorState.STALE);
  }

  public void rateLimited(String detail) {
    rateLimited.increment();
    failure(detail);
  }

  public void late(long count) {
    late.add(count);
  }

  public void failure(String detail) {
    lastError.set(detail);
  }

  public void malformed(MarketId market, String reason) {
    String key = (market == null ? "-" : market.toString()) + "|" + reason;
    malformed.computeIfAbsent(key, k -> new LongAdder()).increment();
    unloggedSince.computeIfAbsent(key, k -> new LongAdder()).increment();
    long now = clock.millis();
    AtomicLong last = lastLoggedMs.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE));
    long previous = last.get();
    if ((previous == Long.MIN_VALUE || now - previous >= logIntervalMs) && last.compareAndSet(previous, now)) {
      long count = unloggedSince.get(key).sumThenReset();
      log.warn("{} {}: skipped {} malformed message(s) for {}: {}", exchange, connection, count,
          market == null ? "an unknown market" : market, reason);
    }
  }

  public ConnectorStatus status() {
    Map<String, Long> malformedCounts = new TreeMap<>();
    malformed.forEach((key, count) -> malformedCounts.put(key, count.sum()));
    Map<MarketId, MarketIngestCounts> markets = new TreeMap<>(java.util.Comparator.comparing(MarketId::toString));
    perMarket.forEach((market, tally) -> markets.put(market, tally.counts()));
    return new ConnectorStatus(exchange, connection, state.get(), lastMessageMs.get(), messages.sum(), inputs.sum(),
        trades.sum(), reconnects.sum(), staleDetections.sum(), rateLimited.sum(), Map.copyOf(malformedCounts), late.sum(), lastError.get(),
        Map.copyOf(markets), carried);
  }

  /** Written by the stream stages, read by scrapes: adders, so writers never contend. */
  private static final class MarketTally {
    final LongAdder inputs = new LongAdder();
    final LongAdder trades = new LongAdder();
    final LongAdder invalid = new LongAdder();
    final LongAdder late = new LongAdder();

    MarketIngestCounts counts() {
      return new MarketIngestCounts(inputs.sum(), trades.sum(), invalid.sum(), late.sum());
    }
  }
}
