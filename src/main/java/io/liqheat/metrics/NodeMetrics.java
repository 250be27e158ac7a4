package io.liqheat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The node's one meter registry, as an actor-system extension: every part of a node (connectors,
 * projection, HTTP) reaches the same registry through the system it already has, and two nodes in
 * one JVM (tests) keep theirs apart. {@code GET /metrics} renders it in Prometheus text format.
 */
public final class NodeMetrics implements Extension {

  /** Every metric of liqheat starts with this; Prometheus names replace the dots with underscores. */
  public static final String PREFIX = "liqheat.";

  private static final ExtensionId<NodeMetrics> ID = new ExtensionId<>() {
    @Override
    public NodeMetrics createExtension(ActorSystem<?> system) {
      return new NodeMetrics();
    }
  };

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  private NodeMetrics() {
    // The JVM's own meters (jvm_memory_used_bytes, jvm_gc_pause_seconds, process_cpu_usage, ...):
    // what an operator sizes nodes by, and what loadtest/capacity-benchmark.sh reads.
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public static NodeMetrics get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Runs before every scrape: for meters whose label values appear at run time (connections a
   * connector opens later), registered when first seen instead of guessed at start.
   */
  public void beforeScrape(Runnable refresh) {
    beforeScrape.add(refresh);
  }

  /** Every meter in the Prometheus text exposition format 0.0.4. */
  public String scrape() {
    beforeScrape.forEach(Runnable::run);
    return registry.scrape();
  }

  /**
   * Counts a failed Cassandra operation: {@code readiness} (the health check's query),
   * {@code projection} (a read-side stream run that failed and restarts), {@code journal} (a market
   * entity restarted after a journal write or recovery failed).
   */
  public void cassandraError(String operation) {
    Counter.builder(PREFIX + "cassandra.errors")
        .description("Failed Cassandra operations observed by this node, by operation")
        .tag("operation", operation)
        .register(registry)
        .increment();
  }
}
