package io.liqheat.market;

import io.liqheat.model.Step;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** What has arrived so far for one not-yet-frozen window. */
final class OpenWindow {

  final long startMs;
  final List<Step> steps = new ArrayList<>();
  private final BitSet slotsWithInput;
  private final long slotMs;
  private final int slots;
  private final CandleBuilder candle = new CandleBuilder();
  double printedLongUsd;
  double printedShortUsd;
  double oiBase = Double.NaN;
  double oiUsd = Double.NaN;

  OpenWindow(long startMs, int slots) {
    this.startMs = startMs;
    this.slots = slots;
    this.slotMs = Windows.WINDOW_MS / slots;
    this.slotsWithInput = new BitSet(slots);
  }

  void sawInputAt(long timeMs) {
    slotsWithInput.set((int) ((timeMs - startMs) / slotMs));
  }

  void trade(double price, double size) {
    candle.trade(price, size);
  }

  Candle candle() {
    return candle.candle();
  }

  double coverage() {
    return (double) slotsWithInput.cardinality() / slots;
  }
}
