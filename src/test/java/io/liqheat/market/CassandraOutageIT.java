package io.liqheat.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.backtest.Bar;
import io.liqheat.cassandra.EmbeddedCassandra;
import io.liqheat.cassandra.EmbeddedCassandraSettings;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.cli.LiqheatNode;
import io.liqheat.metrics.NodeMetrics;
import io.liqheat.sim.SampleMarket;
import io.liqheat.testing.TestCassandra;
import io.liqheat.testing.TestNodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cassandra stops in the middle of a stream and comes back: the entity restarts with back-off,
 * keeps the windows that closed meanwhile, and freezes them once the journal answers again. The
 * journal then holds every window exactly once, bit for bit what an undisturbed run gives.
 */
class CassandraOutageIT {

  private static final Duration ASK = Duration.ofSeconds(5);
  private static final long FIVE_MINUTES = 300_000L;

  @TempDir Path dataDir;

  @Test
  void aCassandraStopAndStartMidStreamLosesAndRewritesNoWindow() throws Exception {
    MarketId market = MarketId.parse("binance:OUTAGEUSDT");
    List<Bar> bars = SampleMarket.generate(3, 240, 5).bars();
    List<InputBatch> batches = new ArrayList<>(BarInputs.batches(bars, FIVE_MINUTES, 20));
    batches.add(InputBatch.builder().heartbeat(bars.get(bars.size() - 1).openTimeMs() + FIVE_MINUTES + 2_000).build());

    EmbeddedCassandraSettings settings = EmbeddedCassandraSettings.onFreePorts(dataDir);
    RunningCassandra cassandra = new EmbeddedCassandra(settings, line -> { }).start().stopOnJvmExit();
    TestCassandra.applySchema(cassandra);
    try (LiqheatNode node = LiqheatNode.start(TestNodeConfig.forCassandraPort(settings.cqlPort()))) {
      List<WindowFrozen> expected = ExpectedFrames.of(market, batches, node.calibration(), node.settings());
      int half = batches.size() / 2;
      for (int i = 0; i < half; i++) {
        ingestUntilAcknowledged(node, market, i, batches.get(i));
      }

      cassandra.close();
      // The rest of the stream arrives while the journal is down; it is retried until acknowledged.
      CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
        for (int i = half; i < batches.size(); i++) {
          ingestUntilAcknowledged(node, market, i, batches.get(i));
        }
      });
      TimeUnit.SECONDS.sleep(5); // let persists fail and the entity back off before the journal returns
      RunningCassandra restarted = new EmbeddedCassandra(settings, line -> { }).start().stopOnJvmExit();
      try {
        rest.get(5, TimeUnit.MINUTES);
        awaitFrames(node, market, expected.size());

        List<WindowFrozen> journal = JournalReader.events(node.system(), market);
        assertThat(journal).extracting(WindowFrozen::windowStartMs)
            .containsExactlyElementsOf(expected.stream().map(WindowFrozen::windowStartMs).toList());
        assertThat(journal).extracting(WindowFrozen::checksum)
            .containsExactlyElementsOf(expected.stream().map(WindowFrozen::checksum).toList());
        assertThat(NodeMetrics.get(node.system()).registry().get("liqheat.cassandra.errors")
                .tag("operation", "journal").counter().count())
            .as("the journal failures the entity rode out are counted")
            .isPositive();
      } finally {
        restarted.close();
      }
    }
  }

  private static void ingestUntilAcknowledged(LiqheatNode node, MarketId market, long sequence, InputBatch batch) {
    while (true) {
      try {
        node.ingest(market, "outage-test", sequence, batch, ASK).toCompletableFuture().get();
        return;
      } catch (ExecutionException e) {
        // not acknowledged while the entity backs off: the same sequence is safe to send again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void awaitFrames(LiqheatNode node, MarketId market, int frames) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      try {
        MarketStatus status = node.status(market, ASK).toCompletableFuture().get();
        if (status.framesFrozen() >= frames) {
          return;
        }
      } catch (ExecutionException e) {
        // still recovering
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
