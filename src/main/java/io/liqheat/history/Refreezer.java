package io.liqheat.history;

import io.liqheat.market.ClosedWindow;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketState;
import io.liqheat.market.WindowFreezer;
import io.liqheat.market.WindowFrozen;
import io.liqheat.model.Calibration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Freezes a market's recorded windows again, in journal order, from their recorded steps: the
 * entity's own {@link WindowFreezer} over a {@link MarketState} that moves on by {@link
 * MarketState#apply}, so a window comes out exactly as the entity would freeze it under that
 * calibration after recovering every window before it. Candle, OI, coverage, printed liquidations
 * and close price are the recorded ones; only the frame and the checksum chain are computed.
 *
 * <p>Windows are given in chunks (the entity, too, freezes up to 500 at once): the freezer copies
 * the state's model once per call, and a copy per window would cost more than the window.
 */
final class Refreezer {

  private final MarketState state;

  /** A market's first window is chained to nothing, as in the journal. */
  Refreezer(MarketId market, String modelVersion) {
    this.state = MarketState.empty(market, modelVersion);
  }

  /**
   * The windows frozen anew, each under {@code calibrationOf} it, chained to the windows of the
   * previous calls.
   *
   * @throws io.liqheat.model.InvalidStepException when a recorded step cannot be replayed
   */
  List<WindowFrozen> refreeze(List<WindowFrozen> recorded, Function<WindowFrozen, Calibration> calibrationOf) {
    List<WindowFrozen> fresh = new ArrayList<>(recorded.size());
    int from = 0;
    while (from < recorded.size()) {
      // One freezer call per run of windows with the same calibration and frame range.
      Calibration calibration = calibrationOf.apply(recorded.get(from));
      double frameRange = recorded.get(from).frameRange();
      int to = from + 1;
      while (to < recorded.size()
          && calibrationOf.apply(recorded.get(to)) == calibration
          && Double.compare(recorded.get(to).frameRange(), frameRange) == 0) {
        to++;
      }
      List<ClosedWindow> windows = recorded.subList(from, to).stream().map(Refreezer::closed).toList();
      for (WindowFrozen event : WindowFreezer.freeze(state, windows, calibration, frameRange)) {
        state.apply(event, calibration);
        fresh.add(event);
      }
      from = to;
    }
    return fresh;
  }

  private static ClosedWindow closed(WindowFrozen event) {
    return new ClosedWindow(event.windowStartMs(), event.steps(), event.candle(), event.oiCloseBase(),
        event.oiCloseUsd(), event.coverage(), event.printedLongUsd(), event.printedShortUsd(), event.closePrice());
  }
}
