package io.liqheat.market;

import static io.liqheat.market.MarketFixtures.T0;
import static io.liqheat.market.MarketFixtures.calibration;
import static io.liqheat.market.MarketFixtures.closes;
import static io.liqheat.market.MarketFixtures.emptyState;
import static io.liqheat.market.MarketFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.model.Calibration;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.DensityModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Closed windows into chained WindowFrozen events, without actors. */
class WindowFreezerTest {

  private static final double FRAME_RANGE = MarketFixtures.settings().frameRange();
  private final Calibration calibration = calibration();

  /** Windows 0..5 closed: 0, 1, 4 and 5 with input, 2 and 3 empty. */
  private static List<ClosedWindow> closedWindows() {
    LiveMarket live = MarketFixtures.freshLive();
    live.ingest("test", -1, MarketFixtures.activeWindows(0, 1, InputBatch.NO_HEARTBEAT));
    live.ingest("test", -1, MarketFixtures.activeWindows(4, 5, closes(5)));
    List<ClosedWindow> closed = live.closedWindows(100);
    assertThat(closed).extracting(ClosedWindow::startMs)
        .containsExactly(window(0), window(1), window(2), window(3), window(4), window(5));
    return closed;
  }

  @Test
  void theSameStateAndWindowsAlwaysGiveTheSameEvents() {
    List<WindowFrozen> first = WindowFreezer.freeze(emptyState(), closedWindows(), calibration, FRAME_RANGE);
    List<WindowFrozen> second = WindowFreezer.freeze(emptyState(), closedWindows(), calibration(), FRAME_RANGE);

    assertThat(second).isEqualTo(first);
    assertThat(second).extracting(WindowFrozen::checksum).doesNotHaveDuplicates();
  }

  @Test
  void eventsCarryTheWindowAndAreChainedFromTheStatesLastChecksum() {
    List<ClosedWindow> closed = closedWindows();
    List<WindowFrozen> events = WindowFreezer.freeze(emptyState(), closed, calibration, FRAME_RANGE);

    assertThat(events.get(0).prevChecksum()).isEmpty();
    for (int i = 0; i < events.size(); i++) {
      WindowFrozen e = events.get(i);
      ClosedWindow w = closed.get(i);
      assertThat(e.market()).isEqualTo(MarketFixtures.MARKET);
      assertThat(e.modelVersion()).isEqualTo("v1");
      assertThat(e.windowStartMs()).isEqualTo(w.startMs());
      assertThat(e.steps()).isEqualTo(w.steps());
      assertThat(e.candle()).isEqualTo(w.candle());
      assertThat(e.coverage()).isEqualTo(w.coverage());
      assertThat(e.oiCloseBase()).isEqualTo(w.oiCloseBase());
      assertThat(e.closePrice()).isEqualTo(w.closePrice());
      assertThat(e.frameRange()).isEqualTo(FRAME_RANGE);
      assertThat(FrameChecksum.of(e)).isEqualTo(e.checksum());
      if (i > 0) {
        assertThat(e.prevChecksum()).isEqualTo(events.get(i - 1).checksum());
      }
    }

    // Freezing on from a state continues its chain.
    MarketState after = emptyState();
    for (WindowFrozen e : events.subList(0, 2)) {
      after = after.apply(e, calibration);
    }
    List<WindowFrozen> rest = WindowFreezer.freeze(after, closed.subList(2, 6), calibration, FRAME_RANGE);
    assertThat(rest.get(0).prevChecksum()).isEqualTo(events.get(1).checksum());
  }

  @Test
  void freezingInOneBatchOrWindowByWindowGivesTheSameEvents() {
    List<ClosedWindow> closed = closedWindows();
    List<WindowFrozen> batched = WindowFreezer.freeze(emptyState(), closed, calibration, FRAME_RANGE);

    List<WindowFrozen> oneByOne = new ArrayList<>();
    MarketState state = emptyState();
    for (ClosedWindow w : closed) {
      WindowFrozen e = WindowFreezer.freeze(state, List.of(w), calibration, FRAME_RANGE).get(0);
      state = state.apply(e, calibration);
      oneByOne.add(e);
    }

    assertThat(oneByOne).isEqualTo(batched);
    assertThat(state.lastChecksum()).isEqualTo(batched.get(5).checksum());
    assertThat(state.framesFrozen()).isEqualTo(6);
    assertThat(state.lastFrozenWindowStartMs()).isEqualTo(window(5));
  }

  @Test
  void theFrameIsTheModelsDensityAroundTheCloseAfterTheWindowsSteps() {
    List<ClosedWindow> closed = closedWindows();
    List<WindowFrozen> events = WindowFreezer.freeze(emptyState(), closed, calibration, FRAME_RANGE);

    DensityModel model = new DensityModel(calibration, MarketFixtures.MARKET.toString());
    for (int i = 0; i < closed.size(); i++) {
      closed.get(i).steps().forEach(model::step);
      DensityFrame expected = model.frame(closed.get(i).closePrice(), FRAME_RANGE);
      assertThat(events.get(i).frame()).as("window %d", i).isEqualTo(expected);
      assertThat(expected.size()).isPositive();
    }
    // Nothing moved the model or the price in the empty windows: their frames repeat the last one.
    assertThat(events.get(2).frame()).isEqualTo(events.get(1).frame());
    assertThat(events.get(3).frame()).isEqualTo(events.get(1).frame());
    // The frame keeps only bins within the range around the close.
    WindowFrozen e = events.get(5);
    var grid = calibration.grid();
    for (int bin : e.frame().bins()) {
      assertThat(grid.upperBound(bin)).isGreaterThan(e.closePrice() * (1 - FRAME_RANGE));
      assertThat(grid.lowerBound(bin)).isLessThanOrEqualTo(e.closePrice() * (1 + FRAME_RANGE));
    }
  }

  @Test
  void aWindowWithoutAnyPriceHasAnEmptyFrameOnTheCalibrationsGrid() {
    ClosedWindow nothing = new ClosedWindow(T0, List.of(), null, Double.NaN, Double.NaN, 0, 0, 0, Double.NaN);

    WindowFrozen e = WindowFreezer.freeze(emptyState(), List.of(nothing), calibration, FRAME_RANGE).get(0);

    assertThat(e.frame()).isEqualTo(DensityFrame.empty(calibration.grid()));
    assertThat(FrameChecksum.of(e)).isEqualTo(e.checksum());
  }

  @Test
  void applyingTheEventsLeavesTheStateWithTheModelTheFreezerUsed() {
    List<ClosedWindow> closed = closedWindows();
    List<WindowFrozen> events = WindowFreezer.freeze(emptyState(), closed, calibration, FRAME_RANGE);

    MarketState state = emptyState();
    for (WindowFrozen e : events) {
      state = state.apply(e, calibration);
    }

    DensityModel model = new DensityModel(calibration, MarketFixtures.MARKET.toString());
    closed.forEach(w -> w.steps().forEach(model::step));
    assertThat(state.restoreModel(calibration).checksum()).isEqualTo(model.checksum());
    assertThat(state.model().stepCount()).isEqualTo(8);
  }
}
