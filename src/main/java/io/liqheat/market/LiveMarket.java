package io.liqheat.market;

import io.liqheat.model.BandQuery;
import io.liqheat.model.Band;
import io.liqheat.model.Calibration;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.DensityModel;
import io.liqheat.model.InvalidStepException;
import io.liqheat.model.Step;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live side of one market: it turns input batches into model steps (one per OI observation,
 * with the trades and mark prices since the previous one), keeps the live model ahead of the frozen
 * one, and collects each open window's steps, candle and coverage until the window closes.
 *
 * <p>It lives outside the persistent state on purpose: a journal failure restarts the entity, but
 * this object survives the restart, so the windows that closed while Cassandra was down are still
 * here to be frozen once it is back. Pure logic, no actors, no I/O.
 */
public final class LiveMarket {

  /**
   * The source name of backfills (on the wire it may carry a suffix, {@code backfill@run}): input
   * replayed from the exchange's history endpoints to fill a gap.
   */
  public static final String BACKFILL_SOURCE = "backfill";

  private final MarketId market;
  private final Calibration calibration;
  private final MarketSettings settings;
  private DensityModel liveModel;
  private boolean initialized;
  private long lastFrozenWindowStartMs = MarketState.NONE;
  private long firstWindowStartMs = MarketState.NONE;
  private long watermarkMs = MarketState.NONE;
  private final TreeMap<Long, OpenWindow> openWindows = new TreeMap<>();
  private final Map<String, Long> lastSeqBySource = new HashMap<>();
  private boolean awaitingBackfill;
  // Live batches that came while awaiting the backfill: applied after it, minus what it covered.
  private final ArrayDeque<HeldBatch> heldForBackfill = new ArrayDeque<>();

  private record HeldBatch(String source, long sequence, InputBatch batch) {}

  /**
   * At most this many live batches wait for a backfill: about 25 s of a busy market's batches at the
   * connectors' 100 ms, ample for one history request. Beyond it the oldest are dropped and counted
   * as late. They are lost (the backfill ends at the last whole minute before it was asked for, so
   * before them), and their window freezes with the coverage it has left.
   */
  static final int MAX_HELD_BATCHES = 256;

  // What traded since the last OI observation: the next step's inputs.
  private final CandleBuilder interval = new CandleBuilder();
  private double intervalNotional;
  private double intervalTakerBuy;
  private double intervalTakerSell;
  private double intervalMarkHigh = Double.NaN;
  private double intervalMarkLow = Double.NaN;

  private double lastTradePrice = Double.NaN;
  private double lastMarkPrice = Double.NaN;
  private double lastRatio = Double.NaN;
  private double lastOiBase = Double.NaN;
  private double lastOiUsd = Double.NaN;
  private double lastClosePrice = Double.NaN;
  private double frozenOiBase = Double.NaN;
  private double frozenOiUsd = Double.NaN;

  private long accepted;
  private long late;
  private long invalid;
  private long trades;
  private long steps;
  private long lastInputMs = MarketState.NONE;
  private long stepsAtLastPublish = -1;

  public LiveMarket(MarketId market, Calibration calibration, MarketSettings settings) {
    this.market = market;
    this.calibration = calibration;
    this.settings = settings;
  }

  /**
   * Aligns with the recovered journal. The first time, the live model starts from the frozen one.
   * After a restart (a journal failure), this object already holds the live model and the windows
   * still to freeze; it only drops the windows the journal shows frozen after all.
   */
  public void recovered(MarketState state) {
    if (!initialized) {
      // Started anew (first start, a failover, a hand-over, a crash): whatever the previous
      // incarnation had of the window after the journal's last one is gone. Live input now would
      // push the watermark past that gap and freeze it empty; a backfill of it comes first.
      awaitingBackfill = settings.backfillAfterStart();
      if (state.hasFrozen()) {
        // Input has reached at least the end of the last frozen window: the backfill starts there.
        watermarkMs = Math.max(watermarkMs, Windows.endOf(state.lastFrozenWindowStartMs()) - 1);
      }
      liveModel = state.restoreModel(calibration);
      // The journal's close, not the model's last step price: trades after a window's last OI
      // observation move the close but not the model.
      lastClosePrice = state.closePrice();
      if (liveModel.isSeeded()) {
        frozenOiBase = liveModel.lastOiBase();
        frozenOiUsd = liveModel.lastOiUsd();
      }
      initialized = true;
    }
    frozenUpTo(state.lastFrozenWindowStartMs());
  }

  /** Forgets windows up to and including {@code windowStartMs}: they are in the journal. */
  public void frozenUpTo(long windowStartMs) {
    if (windowStartMs == MarketState.NONE) {
      return;
    }
    lastFrozenWindowStartMs = Math.max(lastFrozenWindowStartMs, windowStartMs);
    openWindows.headMap(lastFrozenWindowStartMs, true).clear();
  }

  /** Applies a batch, in exchange-time order across its columns. */
  public IngestAck ingest(String source, long sequence, InputBatch batch) {
    if (awaitingBackfill) {
      if (!isBackfill(source)) {
        hold(source, sequence, batch);
        return IngestAck.BACKFILL_NEEDED;
      }
      awaitingBackfill = false;
      IngestAck backfilled = apply(source, sequence, batch);
      // The history covers everything up to its heartbeat (the end of its last whole minute): held
      // live input before that would count twice.
      long covered = batch.heartbeatMs() == InputBatch.NO_HEARTBEAT ? Long.MIN_VALUE : batch.heartbeatMs();
      while (!heldForBackfill.isEmpty()) {
        HeldBatch held = heldForBackfill.poll();
        apply(held.source(), held.sequence(), covered == Long.MIN_VALUE ? held.batch() : held.batch().after(covered));
      }
      return backfilled;
    }
    return apply(source, sequence, batch);
  }

  private void hold(String source, long sequence, InputBatch batch) {
    if (heldForBackfill.size() == MAX_HELD_BATCHES) {
      late += heldForBackfill.poll().batch().size();
    }
    heldForBackfill.add(new HeldBatch(source, sequence, batch));
  }

  private IngestAck apply(String source, long sequence, InputBatch batch) {
    if (sequence >= 0) {
      Long last = lastSeqBySource.get(source);
      if (last != null && sequence <= last) {
        return IngestAck.DUPLICATE;
      }
      lastSeqBySource.put(source, sequence);
    }
    long acceptedBefore = accepted;
    long lateBefore = late;
    long invalidBefore = invalid;
    int trade = 0;
    int mark = 0;
    int oi = 0;
    int ratio = 0;
    int liquidation = 0;
    int tradeCount = batch.tradeTimes().length;
    int markCount = batch.markTimes().length;
    while (true) {
      // Ties go trades, marks, ratios, liquidations, then OI, so an OI observation at time t
      // closes a step that includes what traded at t.
      long next = Long.MAX_VALUE;
      int kind = -1;
      if (trade < tradeCount && batch.tradeTimes()[trade] < next) {
        next = batch.tradeTimes()[trade];
        kind = 0;
      }
      if (mark < markCount && batch.markTimes()[mark] < next) {
        next = batch.markTimes()[mark];
        kind = 1;
      }
      if (ratio < batch.ratios().size() && batch.ratios().get(ratio).timeMs() < next) {
        next = batch.ratios().get(ratio).timeMs();
        kind = 2;
      }
      if (liquidation < batch.liquidations().size() && batch.liquidations().get(liquidation).timeMs() < next) {
        next = batch.liquidations().get(liquidation).timeMs();
        kind = 3;
      }
      if (oi < batch.openInterest().size() && batch.openInterest().get(oi).timeMs() < next) {
        next = batch.openInterest().get(oi).timeMs();
        kind = 4;
      }
      switch (kind) {
        case 0 -> {
          onTrade(next, batch.tradePrices()[trade], batch.tradeSizes()[trade], batch.tradeTakerBuys()[trade]);
          trade++;
        }
        case 1 -> onMark(next, batch.markPrices()[mark++]);
        case 2 -> onRatio(next, batch.ratios().get(ratio++).longShortRatio());
        case 3 -> onLiquidation(batch.liquidations().get(liquidation++));
        case 4 -> onOpenInterest(batch.openInterest().get(oi++));
        default -> {
          // A clock alone cannot start a market's history; it can only move an existing one on.
          boolean historyStarted = firstWindowStartMs != MarketState.NONE || lastFrozenWindowStartMs != MarketState.NONE;
          if (batch.heartbeatMs() != InputBatch.NO_HEARTBEAT && historyStarted) {
            watermarkMs = Math.max(watermarkMs, batch.heartbeatMs());
          }
          return new IngestAck(
              (int) (accepted - acceptedBefore), (int) (late - lateBefore), (int) (invalid - invalidBefore), false, false);
        }
      }
    }
  }

  private static boolean isBackfill(String source) {
    return source.equals(BACKFILL_SOURCE) || source.startsWith(BACKFILL_SOURCE + "@");
  }

  /** True from a start with {@code backfillAfterStart} until the first backfill batch arrives. */
  public boolean awaitingBackfill() {
    return awaitingBackfill;
  }

  private boolean inFrozenWindow(long timeMs) {
    return lastFrozenWindowStartMs != MarketState.NONE && Windows.startOf(timeMs) <= lastFrozenWindowStartMs;
  }

  private OpenWindow admit(long timeMs) {
    if (inFrozenWindow(timeMs)) {
      late++;
      return null;
    }
    long start = Windows.startOf(timeMs);
    accepted++;
    watermarkMs = Math.max(watermarkMs, timeMs);
    lastInputMs = Math.max(lastInputMs, timeMs);
    if (firstWindowStartMs == MarketState.NONE) {
      firstWindowStartMs = start;
    }
    OpenWindow window = openWindows.computeIfAbsent(start, s -> new OpenWindow(s, settings.coverageSlots()));
    window.sawInputAt(timeMs);
    return window;
  }

  private static boolean price(double value) {
    return Double.isFinite(value) && value > 0;
  }

  private static boolean amount(double value) {
    return Double.isFinite(value) && value >= 0;
  }

  private void onTrade(long timeMs, double price, double size, boolean takerBuy) {
    if (!price(price) || !amount(size)) {
      invalid++;
      return;
    }
    OpenWindow window = admit(timeMs);
    if (window == null) {
      return;
    }
    trades++;
    window.trade(price, size);
    interval.trade(price, size);
    intervalNotional += price * size;
    if (takerBuy) {
      intervalTakerBuy += size;
    } else {
      intervalTakerSell += size;
    }
    lastTradePrice = price;
  }

  private void onMark(long timeMs, double price) {
    if (!price(price)) {
      invalid++;
      return;
    }
    if (admit(timeMs) == null) {
      return;
    }
    intervalMarkHigh = Double.isNaN(intervalMarkHigh) ? price : Math.max(intervalMarkHigh, price);
    intervalMarkLow = Double.isNaN(intervalMarkLow) ? price : Math.min(intervalMarkLow, price);
    lastMarkPrice = price;
  }

  private void onRatio(long timeMs, double ratio) {
    if (!price(ratio)) {
      invalid++;
      return;
    }
    if (admit(timeMs) != null) {
      lastRatio = ratio;
    }
  }

  private void onLiquidation(InputBatch.LiquidationPrint print) {
    if (!price(print.price()) || !amount(print.size())) {
      invalid++;
      return;
    }
    OpenWindow window = admit(print.timeMs());
    if (window == null) {
      return;
    }
    if (print.longLiquidated()) {
      window.printedLongUsd += print.price() * print.size();
    } else {
      window.printedShortUsd += print.price() * print.size();
    }
  }

  private void onOpenInterest(InputBatch.OpenInterestObservation observation) {
    if (!amount(observation.oiBase()) || !amount(observation.oiUsd())) {
      invalid++;
      return;
    }
    long timeMs = observation.timeMs();
    if (inFrozenWindow(timeMs)) {
      late++;
      return;
    }
    if (liveModel.isSeeded() && timeMs < liveModel.lastTimeMs()) {
      late++; // the model already stepped past it; steps cannot go back in time
      return;
    }
    Step step = stepAt(timeMs, observation);
    if (step == null) {
      invalid++; // no price seen yet: nothing to place positions at
      return;
    }
    OpenWindow window = admit(timeMs);
    if (window == null) {
      return;
    }
    try {
      liveModel.step(step);
    } catch (InvalidStepException e) {
      accepted--;
      invalid++;
      return;
    }
    steps++;
    window.steps.add(step);
    window.oiBase = observation.oiBase();
    window.oiUsd = observation.oiUsd();
    lastOiBase = observation.oiBase();
    lastOiUsd = observation.oiUsd();
    resetInterval();
  }

  /** The step for an OI observation, or null when no price is known yet. */
  private Step stepAt(long timeMs, InputBatch.OpenInterestObservation observation) {
    double open;
    double high;
    double low;
    double close;
    double vwap;
    if (interval.hasTrade()) {
      open = interval.open();
      high = interval.high();
      low = interval.low();
      close = interval.close();
      vwap = interval.volume() > 0 ? Math.min(high, Math.max(low, intervalNotional / interval.volume())) : close;
    } else {
      double price = price();
      if (!Double.isFinite(price)) {
        return null;
      }
      open = high = low = close = vwap = price;
    }
    return new Step(timeMs, open, high, low, close, vwap, intervalMarkHigh, intervalMarkLow,
        interval.volume(), intervalTakerBuy, intervalTakerSell, lastRatio, observation.oiBase(), observation.oiUsd());
  }

  private void resetInterval() {
    interval.reset();
    intervalNotional = 0;
    intervalTakerBuy = 0;
    intervalTakerSell = 0;
    intervalMarkHigh = Double.NaN;
    intervalMarkLow = Double.NaN;
  }

  /**
   * Windows whose input is complete, oldest first, from the one after the last frozen window (or
   * the first window with input) up to the newest whose end plus the grace the watermark passed.
   * Windows without input are included, empty. They stay here until {@link #frozenUpTo}.
   */
  public List<ClosedWindow> closedWindows(int max) {
    List<ClosedWindow> closed = new ArrayList<>();
    if (watermarkMs == MarketState.NONE
        || (lastFrozenWindowStartMs == MarketState.NONE && firstWindowStartMs == MarketState.NONE)) {
      return closed;
    }
    long start = lastFrozenWindowStartMs != MarketState.NONE
        ? lastFrozenWindowStartMs + Windows.WINDOW_MS
        : firstWindowStartMs;
    double close = lastClosePrice;
    double oiBase = frozenOiBase;
    double oiUsd = frozenOiUsd;
    while (closed.size() < max && Windows.endOf(start) + settings.graceMs() <= watermarkMs) {
      OpenWindow window = openWindows.get(start);
      if (window == null) {
        closed.add(new ClosedWindow(start, List.of(), null, oiBase, oiUsd, 0.0, 0.0, 0.0, close));
      } else {
        Candle candle = window.candle();
        if (candle != null) {
          close = candle.close();
        }
        if (!Double.isNaN(window.oiBase)) {
          oiBase = window.oiBase;
          oiUsd = window.oiUsd;
        }
        closed.add(new ClosedWindow(start, List.copyOf(window.steps), candle, oiBase, oiUsd, window.coverage(),
            window.printedLongUsd, window.printedShortUsd, close));
      }
      start += Windows.WINDOW_MS;
    }
    return closed;
  }

  /** Records the close and OI of windows just frozen, so the next empty window carries them. */
  public void frozen(List<WindowFrozen> events) {
    for (WindowFrozen event : events) {
      lastClosePrice = event.closePrice();
      frozenOiBase = event.oiCloseBase();
      frozenOiUsd = event.oiCloseUsd();
      frozenUpTo(event.windowStartMs());
    }
  }

  public List<Band> bands(BandQuery query) {
    return liveModel.bands(query);
  }

  /** The live density around the current price, or null before any price. */
  public DensityFrame liveFrame() {
    double price = price();
    return Double.isFinite(price) ? liveModel.frame(price, settings.liveFrameRange()) : null;
  }

  /** The newest trade price, else mark price, else the last close; NaN before any. */
  public double price() {
    if (Double.isFinite(lastTradePrice)) {
      return lastTradePrice;
    }
    return Double.isFinite(lastMarkPrice) ? lastMarkPrice : lastClosePrice;
  }

  /** Whether the live model moved since the last call; the entity publishes only then. */
  public boolean changedSinceLastPublish() {
    boolean changed = steps != stepsAtLastPublish;
    stepsAtLastPublish = steps;
    return changed;
  }

  /** The current window's candle, or null before any trade in it. */
  public Candle currentCandle() {
    Map.Entry<Long, OpenWindow> newest = openWindows.lastEntry();
    return newest == null ? null : newest.getValue().candle();
  }

  public MarketCounters counters() {
    return new MarketCounters(accepted, late, invalid, trades, steps, lastInputMs);
  }

  public MarketId market() {
    return market;
  }

  public String liveChecksum() {
    return liveModel.checksum();
  }

  public double bookToOi() {
    return liveModel.bookToOi();
  }

  public long watermarkMs() {
    return watermarkMs;
  }

  public double lastOiUsd() {
    return lastOiUsd;
  }

  public double lastOiBase() {
    return lastOiBase;
  }
}
