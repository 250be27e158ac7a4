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
  private boolean hasTrade;
  private double open;
  private double high;
  private double low;
  private double close;
  private double volume;
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
    if (!hasTrade) {
      hasTrade = true;
      open = price;
      high = price;
      low = price;
    }
    high = Math.max(high, price);
    low = Math.min(low, price);
    close = price;
    volume += size;
  }

  Candle candle() {
    return hasTrade ? new Candle(open, high, low, close, volume) : null;
  }

  double coverage() {
    return (double) slotsWithInput.cardinality() / slots;
  }
}
