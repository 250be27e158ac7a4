package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import io.liqheat.market.Windows;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The recent frozen windows a node holds: heard live, and seeded from the read side at start. */
class MarketLiveTest {

  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final long T0 = 1_795_000_000_000L - 1_795_000_000_000L % Windows.WINDOW_MS;

  /** Window {@code i} after T0, closing at 100 + i. */
  private static WindowClosed window(long i) {
    return new WindowClosed(BTC, "v1", T0 + i * Windows.WINDOW_MS, "c" + i, 1.0, null, 100 + i, null);
  }

  private static List<WindowClosed> windows(long fromInclusive, long toExclusive) {
    return LongStream.range(fromInclusive, toExclusive).mapToObj(MarketLiveTest::window).toList();
  }

  @Test
  void seededWindowsGoBeforeTheWindowsHeardLiveAndNeverReplaceThem() {
    MarketLive live = new MarketLive();
    live.closed(window(10));
    live.closed(window(11));

    // The read side has 0..10 (it lags: not 11 yet); its 10 is the one already heard.
    live.seed(windows(0, 11));

    assertThat(live.recentCloses()).containsExactly(100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 106.0, 107.0, 108.0,
        109.0, 110.0, 111.0);
    assertThat(live.closedAfter(Long.MIN_VALUE)).extracting(WindowClosed::windowStartMs).isSorted().doesNotHaveDuplicates();
    assertThat(live.lastFrozenWindowStart()).isEqualTo(window(11).windowStartMs());
    // A client resuming across the restart gets the seeded windows too.
    assertThat(live.closedAfter(window(7).windowStartMs())).extracting(WindowClosed::checksum)
        .containsExactly("c8", "c9", "c10", "c11");
  }

  @Test
  void seedingWithNothingHeardYetHoldsTheSeedAndGivesAnExpectedMoveAtOnce() {
    MarketLive live = new MarketLive();
    assertThat(ExpectedMove.fromCloses(live.recentCloses(), java.time.Duration.ofHours(4))).isNull();

    live.seed(windows(0, 8));

    assertThat(live.recentCloses()).hasSize(8);
    assertThat(ExpectedMove.fromCloses(live.recentCloses(), java.time.Duration.ofHours(4)).returns()).isEqualTo(7);
  }

  @Test
  void aSeedLongerThanADayKeepsTheNewestDay() {
    MarketLive live = new MarketLive();
    live.closed(window(400));

    live.seed(windows(0, 400));

    List<WindowClosed> held = live.closedAfter(Long.MIN_VALUE);
    assertThat(held).hasSize(MarketLive.RECENT_WINDOWS);
    assertThat(held.get(0).windowStartMs()).isEqualTo(window(400 - MarketLive.RECENT_WINDOWS + 1).windowStartMs());
    assertThat(held.get(held.size() - 1).windowStartMs()).isEqualTo(window(400).windowStartMs());
  }

  @Test
  void aMissingWindowBreaksTheSeriesSoNoReturnSpansMoreThanFiveMinutes() {
    MarketLive live = new MarketLive();
    live.closed(window(8));
    live.closed(window(9));
    // Window 7 froze before the node started but had not reached the read side when it read.
    live.seed(windows(0, 7));

    List<Double> closes = new ArrayList<>(live.recentCloses());
    assertThat(closes).hasSize(10);
    assertThat(closes.get(7)).isNaN();
    closes.remove(7);
    assertThat(closes).containsExactly(100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 106.0, 108.0, 109.0);
    // 6 returns within 0..6 and one within 8..9; none across the gap.
    assertThat(ExpectedMove.fromCloses(live.recentCloses(), java.time.Duration.ofHours(4)).returns()).isEqualTo(7);
  }
}
