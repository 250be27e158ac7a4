package io.liqheat.market;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.model.Calibration;
import io.liqheat.model.CalibrationLoader;
import java.util.ArrayList;
import java.util.List;

/** Markets, calibrations, settings and input for the market package's tests. */
final class MarketFixtures {

  static final MarketId MARKET = MarketId.parse("binance:BTCUSDT");

  /** 2026-01-01T00:00:00Z: the start of a window. */
  static final long T0 = 1_767_225_600_000L;

  static final long W = Windows.WINDOW_MS;

  static final long SECOND = 1_000L;

  private static final Config REFERENCE = ConfigFactory.defaultReference();

  private MarketFixtures() {}

  /** The shipped default calibration, v1. */
  static Calibration calibration() {
    return CalibrationLoader.load(REFERENCE, "v1");
  }

  /** The shipped {@code liqheat.market} settings. */
  static MarketSettings settings() {
    return MarketSettings.fromConfig(REFERENCE);
  }

  /** The shipped settings with a snapshot every {@code snapshotEvery} frozen windows. */
  static MarketSettings settingsWithSnapshotEvery(int snapshotEvery) {
    MarketSettings s = settings();
    return new MarketSettings(s.grace(), s.frameRange(), s.liveFrameRange(), snapshotEvery, s.publishInterval(),
        s.coverageSlots(), s.backfillAfterStart());
  }

  static long graceMs() {
    return settings().graceMs();
  }

  /** Start of the {@code k}-th window after {@link #T0}. */
  static long window(int k) {
    return T0 + k * W;
  }

  /** The earliest watermark that closes window {@code k}. */
  static long closes(int k) {
    return window(k) + W + graceMs();
  }

  /**
   * Two windows whose second one's last trade comes after its last OI observation, so that
   * window's close is not the model's last step price; frozen up to window 1 by a heartbeat.
   */
  static InputBatch closeAfterLastOpenInterest() {
    return InputBatch.builder()
        .trade(window(0) + 10 * SECOND, 60_000, 1, true)
        .openInterest(window(0) + 20 * SECOND, 1000, 60_000_000)
        .trade(window(1) + 10 * SECOND, 60_300, 1, true)
        .openInterest(window(1) + 20 * SECOND, 1010, 60_903_000)
        .trade(window(1) + 250 * SECOND, 60_900, 1, true)
        .heartbeat(closes(1))
        .build();
  }

  static MarketState emptyState() {
    return MarketState.empty(MARKET, calibration().modelVersion());
  }

  /** A live market aligned with an empty journal, as the entity has it after recovery. */
  static LiveMarket freshLive() {
    LiveMarket live = new LiveMarket(MARKET, calibration(), settings());
    live.recovered(emptyState());
    return live;
  }

  /**
   * A window of ordinary activity: four trades (open, low, high, close around {@code price}) and
   * an OI observation after each pair, a mark price and a ratio, all within window {@code k}.
   */
  static InputBatchBuilder activeWindow(InputBatchBuilder b, int k, double price, double oiBase) {
    long start = window(k);
    b.trade(start + 5 * SECOND, price, 1.5, true)
        .trade(start + 40 * SECOND, price * 0.997, 2.0, false)
        .mark(start + 45 * SECOND, price * 0.998)
        .ratio(start + 50 * SECOND, 1.3)
        .openInterest(start + 60 * SECOND, oiBase, oiBase * price)
        .trade(start + 120 * SECOND, price * 1.004, 1.0, true)
        .trade(start + 200 * SECOND, price * 1.001, 3.0, false)
        .mark(start + 210 * SECOND, price * 1.002)
        .openInterest(start + 240 * SECOND, oiBase * 1.01, oiBase * 1.01 * price * 1.001);
    return b;
  }

  /** Active windows {@code from..to} (inclusive) in one batch, prices drifting, and a heartbeat. */
  static InputBatch activeWindows(int from, int to, long heartbeatMs) {
    InputBatchBuilder b = InputBatch.builder();
    for (int k = from; k <= to; k++) {
      activeWindow(b, k, price(k), 1000 + 3 * k);
    }
    if (heartbeatMs != InputBatch.NO_HEARTBEAT) {
      b.heartbeat(heartbeatMs);
    }
    return b.build();
  }

  /** A deterministic, wandering price for window {@code k}. */
  static double price(int k) {
    return 60_000 * (1 + 0.004 * Math.sin(k * 0.7) + 0.0005 * k);
  }

  static InputBatch heartbeat(long timeMs) {
    return InputBatch.builder().heartbeat(timeMs).build();
  }

  /**
   * Freezes every window {@code live} has closed the way the entity does, and returns the state
   * after their events.
   */
  static Frozen freezeClosed(LiveMarket live, MarketState state) {
    List<WindowFrozen> all = new ArrayList<>();
    while (true) {
      List<ClosedWindow> closed = live.closedWindows(MarketEntity.MAX_WINDOWS_PER_PERSIST);
      if (closed.isEmpty()) {
        return new Frozen(state, all);
      }
      List<WindowFrozen> events = WindowFreezer.freeze(state, closed, calibration(), settings().frameRange());
      for (WindowFrozen event : events) {
        state = state.apply(event, calibration());
      }
      live.frozen(events);
      all.addAll(events);
    }
  }

  record Frozen(MarketState state, List<WindowFrozen> events) {}
}
