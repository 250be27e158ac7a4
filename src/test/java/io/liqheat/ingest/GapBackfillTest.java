package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.liqheat.market.Exchange;
import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.LiveMarket;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class GapBackfillTest {

  private static final long MINUTE = 60_000;
  private static final long NOW = 1_790_000_040_000L + 37_000; // 37 s into a minute

  @Test
  void aMarketWithoutInputGetsTheWholeMaximumGapUpToTheLastWholeMinute() {
    long[] range = GapBackfill.gap(OptionalLong.empty(), NOW, Duration.ofHours(2)).orElseThrow();
    long lastMinute = NOW - NOW % MINUTE;
    assertThat(range[1]).isEqualTo(lastMinute);
    assertThat(range[0]).isEqualTo(lastMinute - 2 * 3600_000L);
  }

  @Test
  void aGapStartsAtTheFirstWholeMinuteAfterTheWatermark() {
    long watermark = NOW - 10 * MINUTE + 5_000;
    long[] range = GapBackfill.gap(OptionalLong.of(watermark), NOW, Duration.ofHours(2)).orElseThrow();
    assertThat(range[0] % MINUTE).isZero();
    assertThat(range[0]).isGreaterThan(watermark).isLessThan(watermark + MINUTE);
  }

  @Test
  void aGapLongerThanTheMaximumIsFilledOnlyForItsNewestPart() {
    long[] range = GapBackfill.gap(OptionalLong.of(NOW - 48 * 3600_000L), NOW, Duration.ofHours(24)).orElseThrow();
    assertThat(range[1] - range[0]).isEqualTo(24 * 3600_000L);
  }

  @Test
  void lessThanAWholeMinuteIsNoGap() {
    assertThat(GapBackfill.gap(OptionalLong.of(NOW - 20_000), NOW, Duration.ofHours(2))).isEmpty();
  }

  private static final MarketId MARKET = MarketId.parse("binance:BTCUSDT");
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private static final ConnectorSettings SETTINGS = ConnectorSettings.fromConfig(ConfigFactory.load(), Exchange.BINANCE);
  private static final InputBatch HISTORY = InputBatch.builder().trade(NOW - 5 * MINUTE, 100, 1, true).build();

  /** A sink whose watermark answer is given, recording what is delivered. */
  private static final class RecordingSink implements MarketInputSink {
    final List<String> delivered = new ArrayList<>();
    private final CompletionStage<OptionalLong> watermark;

    RecordingSink(CompletionStage<OptionalLong> watermark) {
      this.watermark = watermark;
    }

    @Override
    public CompletionStage<IngestAck> deliver(String source, MarketId market, InputBatch batch) {
      delivered.add(source + ":" + batch.size());
      return CompletableFuture.completedFuture(new IngestAck(batch.size(), 0, 0, false, false));
    }

    @Override
    public CompletionStage<OptionalLong> watermark(MarketId market) {
      return watermark;
    }
  }

  private static boolean backfill(RecordingSink sink, HistorySource history) {
    ConnectorMonitor monitor = new ConnectorMonitor("binance", "test", Duration.ofSeconds(30), CLOCK);
    return GapBackfill.backfill(MARKET, sink, history, SETTINGS, monitor, CLOCK).toCompletableFuture().join();
  }

  @Test
  void aGapIsReadFromHistoryAndDeliveredAsABackfill() {
    RecordingSink sink = new RecordingSink(CompletableFuture.completedFuture(OptionalLong.of(NOW - 10 * MINUTE)));
    assertThat(backfill(sink, (market, from, to) -> CompletableFuture.completedFuture(HISTORY))).isTrue();
    assertThat(sink.delivered).containsExactly(LiveMarket.BACKFILL_SOURCE + ":1");
  }

  @Test
  void withoutAGapAnEmptyBackfillStillReleasesAMarketThatWaitsForOne() {
    RecordingSink sink = new RecordingSink(CompletableFuture.completedFuture(OptionalLong.of(NOW - 1000)));
    assertThat(backfill(sink, (market, from, to) -> CompletableFuture.completedFuture(HISTORY))).isFalse();
    assertThat(sink.delivered).containsExactly(LiveMarket.BACKFILL_SOURCE + ":0");
  }

  @Test
  void historyThatCannotBeReadReleasesTheMarketEmptyRatherThanKeepItWaiting() {
    RecordingSink sink = new RecordingSink(CompletableFuture.completedFuture(OptionalLong.of(NOW - 10 * MINUTE)));
    assertThat(backfill(sink, (market, from, to) -> CompletableFuture.failedFuture(new RestException("http://sim/klines", 429, "slow down")))).isFalse();
    assertThat(sink.delivered).containsExactly(LiveMarket.BACKFILL_SOURCE + ":0");
  }

  @Test
  void anUnknownWatermarkSendsNothingSoAMovedMarketIsNotReleasedWithItsGapUnfilled() {
    RecordingSink sink = new RecordingSink(CompletableFuture.failedFuture(new IllegalStateException("ask timed out")));
    assertThat(backfill(sink, (market, from, to) -> CompletableFuture.completedFuture(HISTORY))).isFalse();
    assertThat(sink.delivered).isEmpty();
  }
}
