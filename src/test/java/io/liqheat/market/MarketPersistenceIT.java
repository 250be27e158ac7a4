package io.liqheat.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.liqheat.backtest.Bar;
import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.cli.LiqheatNode;
import io.liqheat.sim.SampleMarket;
import io.liqheat.testing.TestCassandra;
import io.liqheat.testing.TestNodeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Market entities on the real Cassandra node: what they freeze is exactly what a pure computation
 * of the same input gives, it survives a node restart bit for bit, and input replayed again adds
 * nothing.
 */
class MarketPersistenceIT {

  private static final Duration ASK = Duration.ofSeconds(30);
  private static final long FIVE_MINUTES = 300_000L;

  private static RunningCassandra cassandra;
  private static List<Bar> bars;

  @BeforeAll
  static void startCassandra() {
    cassandra = TestCassandra.shared();
    bars = SampleMarket.generate(7, 300, 5).bars();
  }

  /** Snapshots every 40 windows, so recovery reads a snapshot and then events. */
  private static Config config() {
    return TestNodeConfig.forCassandraPort(cassandra.cqlPort(), "liqheat.market.snapshot-every = 40");
  }

  private static List<InputBatch> batches() {
    List<InputBatch> batches = new ArrayList<>(BarInputs.batches(bars, FIVE_MINUTES, 50));
    long end = bars.get(bars.size() - 1).openTimeMs() + FIVE_MINUTES;
    batches.add(InputBatch.builder().heartbeat(end + 2_000).build());
    return batches;
  }

  private static void feed(LiqheatNode node, MarketId market, String source, List<InputBatch> batches) throws Exception {
    for (int i = 0; i < batches.size(); i++) {
      node.ingest(market, source, i, batches.get(i), ASK).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static MarketStatus awaitFrozen(LiqheatNode node, MarketId market, long frames) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      MarketStatus status = node.status(market, ASK).toCompletableFuture().get(60, TimeUnit.SECONDS);
      if (status.framesFrozen() >= frames || System.nanoTime() > deadline) {
        return status;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  @Test
  void theJournalHoldsExactlyTheFramesAPureRunComputesAndRecoveryReproducesThemBitForBit() throws Exception {
    MarketId market = MarketId.parse("binance:RECOVERUSDT");
    List<InputBatch> batches = batches();
    MarketStatus before;
    List<WindowFrozen> expected;
    try (LiqheatNode node = LiqheatNode.start(config())) {
      expected = ExpectedFrames.of(market, batches, node.calibration(), node.settings());
      feed(node, market, "test", batches);
      before = awaitFrozen(node, market, expected.size());

      List<WindowFrozen> journal = JournalReader.events(node.system(), market);
      assertThat(journal).hasSize(300);
      assertThat(journal).extracting(WindowFrozen::checksum)
          .containsExactlyElementsOf(expected.stream().map(WindowFrozen::checksum).toList());
      for (int i = 0; i < journal.size(); i++) {
        assertThat(journal.get(i).windowStartMs()).isEqualTo(bars.get(0).openTimeMs() + i * FIVE_MINUTES);
        assertThat(journal.get(i).prevChecksum()).isEqualTo(i == 0 ? "" : journal.get(i - 1).checksum());
        assertThat(FrameChecksum.of(journal.get(i))).isEqualTo(journal.get(i).checksum());
      }
    }
    assertThat(before.framesFrozen()).isEqualTo(300);

    try (LiqheatNode restarted = LiqheatNode.start(config())) {
      MarketStatus after = restarted.status(market, ASK).toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertThat(after.framesFrozen()).isEqualTo(before.framesFrozen());
      assertThat(after.lastFrozenWindowStartMs()).isEqualTo(before.lastFrozenWindowStartMs());
      assertThat(after.lastChecksum()).isEqualTo(before.lastChecksum());
      // Every step was frozen before the stop, so the live model equals the recovered frozen one.
      assertThat(after.liveChecksum()).isEqualTo(before.liveChecksum());
    }
  }

  @Test
  void replayingTheSameInputAgainChangesNothingAndAddsNothing() throws Exception {
    MarketId market = MarketId.parse("binance:TWICEUSDT");
    List<InputBatch> batches = batches();
    try (LiqheatNode node = LiqheatNode.start(config())) {
      feed(node, market, "first", batches);
      MarketStatus first = awaitFrozen(node, market, 300);
      List<WindowFrozen> journalBefore = JournalReader.events(node.system(), market);

      // Another source name, so the duplicate-batch check does not hide what the windows do.
      long accepted = 0;
      long late = 0;
      for (int i = 0; i < batches.size(); i++) {
        IngestAck ack = node.ingest(market, "second", i, batches.get(i), ASK).toCompletableFuture().get(60, TimeUnit.SECONDS);
        accepted += ack.accepted();
        late += ack.late();
      }
      MarketStatus second = node.status(market, ASK).toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertThat(accepted).isZero();
      assertThat(late).isEqualTo(6L * bars.size());
      assertThat(second.framesFrozen()).isEqualTo(first.framesFrozen());
      assertThat(second.lastChecksum()).isEqualTo(first.lastChecksum());
      assertThat(second.liveChecksum()).isEqualTo(first.liveChecksum());
      assertThat(JournalReader.events(node.system(), market)).isEqualTo(journalBefore);
    }
  }
}
