package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration MAX = Duration.ofDays(31);

  @Test
  void toDefaultsToNowAndFromToADayBeforeTo() {
    assertThat(TimeRange.from(Map.of(), CLOCK, MAX))
        .isEqualTo(new TimeRange(NOW.toEpochMilli() - 86_400_000L, NOW.toEpochMilli()));
    assertThat(TimeRange.from(Map.of("to", "1000000000000"), CLOCK, MAX))
        .isEqualTo(new TimeRange(1_000_000_000_000L - 86_400_000L, 1_000_000_000_000L));
  }

  @Test
  void isoInstantsWithZOrAnOffsetAndEpochMillisAreTheSameInstant() {
    TimeRange iso = TimeRange.from(Map.of("from", "2026-11-20T10:00:00Z", "to", "2026-11-20T11:00:00+01:00"), CLOCK, MAX);
    long ten = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    assertThat(iso).isEqualTo(new TimeRange(ten, ten));
    assertThat(TimeRange.from(Map.of("from", Long.toString(ten), "to", Long.toString(ten)), CLOCK, MAX)).isEqualTo(iso);
  }

  @Test
  void malformedReversedTooLongAndPreEpochRangesAreRefused() {
    assertRefused(Map.of("from", "2026-11-20"), "ISO-8601");
    assertRefused(Map.of("to", "99999999999999999999"), "ISO-8601");
    assertRefused(Map.of("from", "-5", "to", "10"), "1970");
    assertRefused(Map.of("from", "2026-11-20T11:00:00Z", "to", "2026-11-20T10:00:00Z"), "after");
    assertRefused(Map.of("from", "2026-10-01T00:00:00Z"), "max-span");
  }

  private static void assertRefused(Map<String, String> params, String reason) {
    assertThatThrownBy(() -> TimeRange.from(params, CLOCK, MAX))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().intValue()).isEqualTo(400))
        .hasMessageContaining(reason);
  }
}
