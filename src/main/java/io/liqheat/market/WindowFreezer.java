package io.liqheat.market;

import io.liqheat.model.Calibration;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.DensityModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns closed windows into {@link WindowFrozen} events: the model as of the last frozen window
 * steps through each window's inputs, and each window's frame and chained checksum are taken. Pure:
 * the same state and windows always give the same events.
 */
public final class WindowFreezer {

  private WindowFreezer() {}

  public static List<WindowFrozen> freeze(
      MarketState state, List<ClosedWindow> windows, Calibration calibration, double frameRange) {
    DensityModel model = state.restoreModel(calibration);
    String previous = state.lastChecksum();
    List<WindowFrozen> events = new ArrayList<>(windows.size());
    for (ClosedWindow window : windows) {
      window.steps().forEach(model::step);
      DensityFrame frame = Double.isFinite(window.closePrice())
          ? model.frame(window.closePrice(), frameRange)
          : DensityFrame.empty(calibration.grid());
      WindowFrozen event = WindowFrozen.chained(state.market(), window.startMs(), calibration.modelVersion(),
          window.steps(), window.candle(), window.oiCloseBase(), window.oiCloseUsd(), window.coverage(),
          window.printedLongUsd(), window.printedShortUsd(), window.closePrice(), frameRange, frame, previous);
      events.add(event);
      previous = event.checksum();
    }
    return events;
  }
}
