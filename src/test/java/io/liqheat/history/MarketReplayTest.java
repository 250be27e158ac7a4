package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.liqheat.backtest.Bar;
import io.liqheat.market.Candle;
import io.liqheat.market.ClosedWindow;
import io.liqheat.market.FrameChecksum;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketState;
import io.liqheat.market.WindowFreezer;
import io.liqheat.market.WindowFrozen;
import io.liqheat.model.Calibration;
import io.liqheat.model.DensityFrame;
import io.liqheat.sim.SampleMarket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The pure part of rebuild and verify, without Cassandra: windows frozen by the entity's own
 * freezer, replayed in chunks of another size than they were frozen in.
 */
class MarketReplayTest {

  private static final MarketId MARKET = MarketId.parse("binance:REPLAYUSDT");
  private static final ModelCalibrations CALIBRATIONS = new ModelCalibrations(ConfigFactory.load());
  private static final Calibration V1 = CALIBRATIONS.require("v1");
  private static final Calibration BOOK = CALIBRATIONS.require("v1-book");

  /** 120 windows frozen under {@code calibration} 50 at a time, one bar a window. */
  private static List<WindowFrozen> frozen(Calibration calibration) {
    List<Bar> bars = SampleMarket.generate(5, 120, 5).bars();
    List<ClosedWindow> windows = bars.stream()
        .map(bar -> new ClosedWindow(bar.openTimeMs(), List.of(bar.toStep()),
            new Candle(bar.open(), bar.high(), bar.low(), bar.close(), 10.0), Double.NaN, bar.openInterestUsd(), 1.0,
            0.0, 0.0, bar.close()))
        .toList();
    MarketState state = MarketState.empty(MARKET, calibration.modelVersion());
    List<WindowFrozen> events = new ArrayList<>();
    for (int from = 0; from < windows.size(); from += 50) {
      for (WindowFrozen event : WindowFreezer.freeze(state, windows.subList(from, Math.min(from + 50, windows.size())),
          calibration, 0.10)) {
        state.apply(event, calibration);
        events.add(event);
      }
    }
    return events;
  }

  private static List<List<RecordedWindow>> chunks(List<WindowFrozen> events, int size) {
    List<RecordedWindow> recorded =
        IntStream.range(0, events.size()).mapToObj(i -> new RecordedWindow(events.get(i), i + 1L)).toList();
    List<List<RecordedWindow>> chunks = new ArrayList<>();
    for (int from = 0; from < recorded.size(); from += size) {
      chunks.add(recorded.subList(from, Math.min(from + size, recorded.size())));
    }
    return chunks;
  }

  @Test
  void refreezingUnderTheEventsOwnCalibrationGivesEveryEventBackBitForBit() {
    List<WindowFrozen> events = frozen(V1);
    Refreezer refreezer = new Refreezer(MARKET, "v1");
    List<WindowFrozen> again = new ArrayList<>();
    for (List<RecordedWindow> chunk : chunks(events, 7)) {
      again.addAll(refreezer.refreeze(chunk.stream().map(RecordedWindow::event).toList(), event -> V1));
    }

    assertThat(again).isEqualTo(events);
  }

  @Test
  void aDerivedVersionIsWhatThatCalibrationWouldHaveFrozenFromTheSameInput() {
    MarketReplay replay = new MarketReplay(MARKET, new ReplayPlan(false, false, List.of("v1-book"), true), CALIBRATIONS);
    List<FrozenFrameRow> rows = new ArrayList<>();
    chunks(frozen(V1), 33).forEach(chunk -> rows.addAll(replay.process(chunk).rows()));

    List<WindowFrozen> book = frozen(BOOK);
    assertThat(rows).isEqualTo(IntStream.range(0, book.size()).mapToObj(i -> FrozenFrameRow.of(book.get(i), i + 1L)).toList());
  }

  @Test
  void theEventsOwnVersionIsNoDerivation() {
    MarketReplay replay = new MarketReplay(MARKET, new ReplayPlan(false, false, List.of("v1"), true), CALIBRATIONS);

    assertThatThrownBy(() -> replay.process(chunks(frozen(V1), 10).get(0)))
        .isInstanceOf(RecordedVersionException.class)
        .hasMessageStartingWith(MARKET + " was frozen under model version v1");
  }

  @Test
  void verificationFindsNothingInAnIntactJournalAndExactlyTheChangedFrameInAnother() {
    List<WindowFrozen> events = new ArrayList<>(frozen(V1));
    assertThat(verify(events)).isEmpty();

    WindowFrozen original = events.get(77);
    DensityFrame frame = original.frame();
    double[] longUsd = frame.longUsd().clone();
    longUsd[longUsd.length / 2] += 1;
    DensityFrame changed = new DensityFrame(frame.gridKind(), frame.gridWidth(), frame.bins(), longUsd, frame.shortUsd());
    WindowFrozen corrupted = new WindowFrozen(MARKET, original.windowStartMs(), "v1", original.steps(), original.candle(),
        original.oiCloseBase(), original.oiCloseUsd(), original.coverage(), original.printedLongUsd(),
        original.printedShortUsd(), original.closePrice(), original.frameRange(), changed, original.checksum(),
        original.prevChecksum());
    events.set(77, corrupted);
    WindowFrozen unlinked = events.get(90);
    events.set(90, WindowFrozen.chained(MARKET, unlinked.windowStartMs(), "v1", unlinked.steps(), unlinked.candle(),
        unlinked.oiCloseBase(), unlinked.oiCloseUsd(), unlinked.coverage(), unlinked.printedLongUsd(),
        unlinked.printedShortUsd(), unlinked.closePrice(), unlinked.frameRange(), unlinked.frame(), "elsewhere"));

    assertThat(verify(events)).extracting(Mismatch::line).containsExactly(
        new Mismatch(MARKET, original.windowStartMs(), "journal checksum", FrameChecksum.of(corrupted),
            original.checksum()).line(),
        new Mismatch(MARKET, original.windowStartMs(), "journal frame recomputed from steps (v1)",
            "frame " + frame.checksum(), "frame " + changed.checksum()).line(),
        new Mismatch(MARKET, unlinked.windowStartMs(), "journal prevChecksum", events.get(89).checksum(),
            "elsewhere").line(),
        // The next window still links to the recorded checksum of the one before, which changed.
        new Mismatch(MARKET, events.get(91).windowStartMs(), "journal prevChecksum", events.get(90).checksum(),
            unlinked.checksum()).line());
  }

  private static List<Mismatch> verify(List<WindowFrozen> events) {
    MarketReplay replay = new MarketReplay(MARKET, new ReplayPlan(true, false, List.of(), false), CALIBRATIONS);
    List<Mismatch> found = new ArrayList<>();
    chunks(events, 40).forEach(chunk -> found.addAll(replay.process(chunk).mismatches()));
    return found;
  }
}
