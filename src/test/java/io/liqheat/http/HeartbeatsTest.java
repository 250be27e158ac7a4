package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node-wide sweep, driven by the test's own clock (the scheduled sweeps use an hour's interval). */
@ExtendWith(TestKitJUnit5Extension.class)
class HeartbeatsTest {

  private static final long SECOND = 1_000_000_000L;

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder().withName("HeartbeatsTest").build();

  /** A stream that last wrote at a set time and counts the sweep's calls. */
  private static final class FakeStream implements Heartbeats.Stream {
    final long lastWrite;
    final List<Long> quietCalls = new ArrayList<>();

    FakeStream(long lastWrite) {
      this.lastWrite = lastWrite;
    }

    @Override
    public long lastWriteNanos() {
      return lastWrite;
    }

    @Override
    public void quiet() {
      quietCalls.add(lastWrite);
    }
  }

  @Test
  void onlyStreamsQuietForAnIntervalAreTold() {
    try (Heartbeats heartbeats = Heartbeats.start(testKit.system(), Duration.ofHours(1))) {
      long now = 10_000 * SECOND;
      FakeStream busy = new FakeStream(now - SECOND);
      FakeStream justDue = new FakeStream(now - 3_600 * SECOND);
      FakeStream longQuiet = new FakeStream(now - 7_200 * SECOND);
      heartbeats.add(busy);
      heartbeats.add(justDue);
      heartbeats.add(longQuiet);

      heartbeats.sweep(now);

      assertThat(busy.quietCalls).isEmpty();
      assertThat(justDue.quietCalls).hasSize(1);
      assertThat(longQuiet.quietCalls).hasSize(1);
    }
  }

  @Test
  void aRemovedStreamIsNotTold() {
    try (Heartbeats heartbeats = Heartbeats.start(testKit.system(), Duration.ofHours(1))) {
      FakeStream quiet = new FakeStream(0);
      heartbeats.add(quiet);
      heartbeats.remove(quiet);

      heartbeats.sweep(7_200 * SECOND);

      assertThat(quiet.quietCalls).isEmpty();
    }
  }

  @Test
  void theSweepRunsTenTimesAnIntervalAtMostOnceASecond() {
    assertThat(Heartbeats.sweepPeriod(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(1));
    assertThat(Heartbeats.sweepPeriod(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(500));
    assertThat(Heartbeats.sweepPeriod(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void anIntervalMustBePositive() {
    assertThatThrownBy(() -> Heartbeats.start(testKit.system(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
