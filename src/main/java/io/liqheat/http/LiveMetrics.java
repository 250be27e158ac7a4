package io.liqheat.http;

import io.liqheat.market.MarketId;
import io.liqheat.market.Windows;
import io.liqheat.metrics.NodeMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The live side's meters: open SSE streams, publish-to-send latency of {@code bands} events, and
 * per market the freeze lag, i.e. how far the end of the newest frozen window this node heard of
 * trails the wall clock. A healthy market's lag stays between one window and one window plus the
 * grace the entity waits for late input; a lag that keeps growing means the market stopped freezing.
 */
final class LiveMetrics implements PublishToSend {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Timer publishToSend;

  LiveMetrics(NodeMetrics metrics, LiveHub hub, Clock clock) {
    this.registry = metrics.registry();
    this.clock = clock;
    this.publishToSend = Timer.builder(NodeMetrics.PREFIX + "sse.publish.to.send")
        .description("From the entity publishing a live frame to a bands event with it leaving for an SSE client")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    for (MarketId market : hub.markets()) {
      MarketLive live = hub.state(market);
      Gauge.builder(NodeMetrics.PREFIX + "freeze.lag", live, this::freezeLagSeconds)
          .description("Wall clock minus the end of the newest frozen window; NaN before the first one")
          .baseUnit("seconds")
          .tags("exchange", market.exchange().id(), "market", market.toString())
          .register(registry);
    }
  }

  void bindSseClients(IntSupplier sseClients) {
    Gauge.builder(NodeMetrics.PREFIX + "sse.clients", sseClients, clients -> clients.getAsInt())
        .description("SSE streams open on this node")
        // Gauges hold their object weakly by default, and nothing else holds this method reference.
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void sent(long publishedMs) {
    // Frames may come from another node whose clock runs ahead: a negative latency counts as zero.
    // In milliseconds rather than a Duration: this runs for every event to every client.
    publishToSend.record(Math.max(0, clock.millis() - publishedMs), TimeUnit.MILLISECONDS);
  }

  private double freezeLagSeconds(MarketLive live) {
    long windowStart = live.lastFrozenWindowStart();
    if (windowStart < 0) {
      return Double.NaN;
    }
    return (clock.millis() - (windowStart + Windows.WINDOW_MS)) / 1000.0;
  }
}
