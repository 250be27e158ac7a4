package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
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
}
