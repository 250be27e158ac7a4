package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameDaysTest {

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aWindowBelongsToTheUtcDayOfItsStart() {
    assertThat(FrameDays.dayOf(ms("2026-11-20T23:55:00Z"))).isEqualTo("2026-11-20");
    assertThat(FrameDays.dayOf(ms("2026-11-21T00:00:00Z"))).isEqualTo("2026-11-21");
    assertThat(FrameDays.dayOf(ms("1969-12-31T23:55:00Z"))).isEqualTo("1969-12-31");
  }

  @Test
  void aRangeCoversTheDaysOfItsWindowsInOrder() {
    assertThat(FrameDays.covering(ms("2026-11-20T23:50:00Z"), ms("2026-11-21T00:10:00Z")))
        .containsExactly("2026-11-20", "2026-11-21");
    assertThat(FrameDays.covering(ms("2026-02-27T12:00:00Z"), ms("2026-03-02T00:00:00Z")))
        .containsExactly("2026-02-27", "2026-02-28", "2026-03-01");
  }

  @Test
  void theEndIsExclusive() {
    assertThat(FrameDays.covering(ms("2026-11-20T00:00:00Z"), ms("2026-11-21T00:00:00Z")))
        .containsExactly("2026-11-20");
  }

  @Test
  void anEmptyOrBackwardRangeHasNoDays() {
    assertThat(FrameDays.covering(5, 5)).isEmpty();
    assertThat(FrameDays.covering(10, 5)).isEmpty();
  }
}
