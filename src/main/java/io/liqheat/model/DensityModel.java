package io.liqheat.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The isolated-margin liquidation density model of one market.
 *
 * <p>It keeps a book of estimated open positions, as base-unit quantity per liquidation-price bin,
 * for each side and leverage tier. Each {@link Step}:
 *
 * <ol>
 *   <li>liquidates the levels the price path reached (long levels at or above the low, short levels
 *       at or below the high; the mark price where known);
 *   <li>folds levels beyond the book range into its edge bins;
 *   <li>turns over part of the book: positions close and reopen at the step's VWAP, in proportion
 *       to volume (or range) and, per tier, by half-life decay;
 *   <li>moves the book to the reported OI: the difference opens at VWAP, split by side and tier, or
 *       closes by the closing rule. Since the difference is taken after the liquidations, an OI fall
 *       closes only what the model's own liquidations do not already explain.
 * </ol>
 *
 * <p>The first step seeds the book with the whole OI (the warm start) rather than starting empty: an
 * empty book holds only what OI grows by, a few percent of the real OI, and a proportional close
 * then wipes it.
 *
 * <p>Deterministic: no clock, no hashing, no parallel sums, and {@link StrictMath} for every
 * transcendental, so the same steps give the same bits on any JVM.
 *
 * <p>Pure and single-threaded: no actors, no I/O. One instance per market, stepped by one owner.
 */
public final class DensityModel {

  private final Calibration calibration;
  private final String marketId;
  private final PriceGrid grid;
  private final int tierCount;
  private final double[] leverages;
  private final double[] weights;
  private final double[] longFactor;
  private final double[] shortFactor;
  private final double[] logLongFactor;
  private final double[] logShortFactor;
  /** The long factors of every tier, then the short ones: what one step opens at VWAP. */
  private final double[] openFactors;
  private final double[] logOpenFactors;
  private final double[] decayHalfLifeMs;
  private final boolean decayEnabled;
  private final TierBook[] longBooks;
  private final TierBook[] shortBooks;

  private boolean seeded;
  private long lastTimeMs = Long.MIN_VALUE;
  private double lastPrice = Double.NaN;
  private double lastOiBase;
  private double lastOiUsd;
  private long stepCount;

  // Scratch space, reused so the hot path allocates nothing.
  private final double[] openLong;
  private final double[] openShort;
  private final double[] decayKeep;
  private final double[] tierTotal;
  private final double[] tierKeep;
  /** The bins {@link #openFactors} put this step's VWAP in, in the same order. */
  private final int[] openBins;
  private long decayKeepForDtMs = -1;

  public DensityModel(Calibration calibration, String marketId) {
    this.calibration = calibration;
    this.marketId = marketId;
    this.grid = calibration.grid();
    this.tierCount = calibration.tierCount();
    this.leverages = calibration.leverageTiers();
    this.weights = calibration.tierWeights();
    double[] rates = calibration.tierMaintenanceMarginRates(marketId);
    this.longFactor = new double[tierCount];
    this.shortFactor = new double[tierCount];
    this.logLongFactor = new double[tierCount];
    this.logShortFactor = new double[tierCount];
    for (int tier = 0; tier < tierCount; tier++) {
      longFactor[tier] = LiquidationPrice.longFactor(leverages[tier], rates[tier]);
      shortFactor[tier] = LiquidationPrice.shortFactor(leverages[tier], rates[tier]);
      logLongFactor[tier] = StrictMath.log(longFactor[tier]);
      logShortFactor[tier] = StrictMath.log(shortFactor[tier]);
    }
    this.openFactors = new double[2 * tierCount];
    this.logOpenFactors = new double[2 * tierCount];
    for (int tier = 0; tier < tierCount; tier++) {
      openFactors[tier] = longFactor[tier];
      openFactors[tierCount + tier] = shortFactor[tier];
      logOpenFactors[tier] = logLongFactor[tier];
      logOpenFactors[tierCount + tier] = logShortFactor[tier];
    }
    this.decayHalfLifeMs = calibration.decayHalfLifeMs();
    boolean anyDecay = false;
    for (double halfLife : decayHalfLifeMs) {
      anyDecay |= halfLife > 0;
    }
    this.decayEnabled = anyDecay;
    this.longBooks = new TierBook[tierCount];
    this.shortBooks = new TierBook[tierCount];
    for (int tier = 0; tier < tierCount; tier++) {
      longBooks[tier] = new TierBook();
      shortBooks[tier] = new TierBook();
    }
    this.openLong = new double[tierCount];
    this.openShort = new double[tierCount];
    this.decayKeep = new double[tierCount];
    this.tierTotal = new double[tierCount];
    this.tierKeep = new double[tierCount];
    this.openBins = new int[2 * tierCount];
  }

  /** A model restored from a snapshot, bit for bit. */
  public static DensityModel restore(Calibration calibration, ModelSnapshot snapshot) {
    if (!calibration.modelVersion().equals(snapshot.modelVersion())) {
      throw new IllegalArgumentException(
          "snapshot of model version " + snapshot.modelVersion() + " cannot restore under " + calibration.modelVersion());
    }
    DensityModel model = new DensityModel(calibration, snapshot.marketId());
    if (snapshot.longBooks().size() != model.tierCount || snapshot.shortBooks().size() != model.tierCount) {
      throw new IllegalArgumentException("snapshot has books for a different number of tiers");
    }
    for (int tier = 0; tier < model.tierCount; tier++) {
      model.longBooks[tier] = TierBook.restore(snapshot.longBooks().get(tier));
      model.shortBooks[tier] = TierBook.restore(snapshot.shortBooks().get(tier));
    }
    model.seeded = snapshot.seeded();
    model.lastTimeMs = snapshot.lastTimeMs();
    model.lastPrice = snapshot.lastPrice();
    model.lastOiBase = snapshot.lastOiBase();
    model.lastOiUsd = snapshot.lastOiUsd();
    model.stepCount = snapshot.stepCount();
    return model;
  }

  /**
   * Applies one step.
   *
   * @throws InvalidStepException when the step is malformed or earlier than the last one; the model
   *     is then unchanged
   */
  public StepOutcome step(Step step) {
    step.validate();
    if (step.timeMs() < lastTimeMs) {
      throw new InvalidStepException(
          "step at " + step.timeMs() + " is out of time order: the last step was at " + lastTimeMs);
    }
    double longShare = longShare(step);
    StepOutcome outcome;
    if (!seeded) {
      seed(step, longShare);
      seeded = true;
      outcome = new StepOutcome(0, 0, 0, 0, bookToOi(step.oiBase()));
    } else {
      outcome = advance(step, longShare);
    }
    lastTimeMs = step.timeMs();
    lastPrice = step.close();
    lastOiBase = step.oiBase();
    lastOiUsd = step.oiUsd();
    stepCount++;
    return outcome;
  }

  private StepOutcome advance(Step step, double longShare) {
    double sweptLong = 0.0;
    double sweptShort = 0.0;
    int lowBin = grid.indexOf(step.liquidationLow());
    int highBin = grid.indexOf(step.liquidationHigh());
    for (int tier = 0; tier < tierCount; tier++) {
      sweptLong += longBooks[tier].liquidateAtOrAbove(lowBin, grid);
      sweptShort += shortBooks[tier].liquidateAtOrBelow(highBin, grid);
    }

    foldBeyondBookRange(step.close());

    // Turnover, decay and the OI change are planned on the tier totals first, then every book is
    // scaled once: one multiplication per book per step, however many rules apply.
    Arrays.fill(openLong, 0.0);
    Arrays.fill(openShort, 0.0);
    double total = 0.0;
    for (int tier = 0; tier < tierCount; tier++) {
      tierTotal[tier] = longBooks[tier].total() + shortBooks[tier].total();
      tierKeep[tier] = 1.0;
      total += tierTotal[tier];
    }
    planTurnover(step, longShare, total);
    if (decayEnabled) {
      planDecay(step.timeMs() - lastTimeMs, longShare);
    }
    double kept = 0.0;
    for (int tier = 0; tier < tierCount; tier++) {
      kept += tierTotal[tier] * tierKeep[tier];
    }
    // Turnover and decay moved positions into the pending opens; they are still open interest.
    double difference = step.oiBase() - kept - pendingOpens();
    if (difference > 0) {
      for (int tier = 0; tier < tierCount; tier++) {
        openLong[tier] += difference * longShare * weights[tier];
        openShort[tier] += difference * (1.0 - longShare) * weights[tier];
      }
    } else if (difference < 0) {
      planClose(-difference, kept);
    }
    for (int tier = 0; tier < tierCount; tier++) {
      longBooks[tier].scaleBy(tierKeep[tier]);
      shortBooks[tier].scaleBy(tierKeep[tier]);
    }
    openAtVwap(step.vwap());

    double blend = calibration.rangeBlend();
    double estimatedLong = sweptLong;
    double estimatedShort = sweptShort;
    if (blend > 0) {
      double open = step.open();
      double rangeLong = lastOiUsd * Math.max(0.0, (open - step.liquidationLow()) / open);
      double rangeShort = lastOiUsd * Math.max(0.0, (step.liquidationHigh() - open) / open);
      estimatedLong = (1.0 - blend) * sweptLong + blend * rangeLong;
      estimatedShort = (1.0 - blend) * sweptShort + blend * rangeShort;
    }
    return new StepOutcome(sweptLong, sweptShort, estimatedLong, estimatedShort, bookToOi(step.oiBase()));
  }

  /**
   * The warm start: the first OI, spread evenly over {@code seed.points} entry prices within ±
   * {@code seed.band} of the first VWAP (geometrically), split by side and tier as new positions
   * would be. Entries whose level the first step already crossed are not placed; their share goes
   * to the surviving entries of the same side and tier, so the book still holds the whole OI.
   */
  private void seed(Step step, double longShare) {
    int points = calibration.seedPoints();
    double band = calibration.seedBand();
    double logCenter = StrictMath.log(step.vwap());
    double logHalfWidth = StrictMath.log1p(band);
    int lowBin = grid.indexOf(step.liquidationLow());
    int highBin = grid.indexOf(step.liquidationHigh());
    int[] bins = new int[points];
    for (int tier = 0; tier < tierCount; tier++) {
      seedSide(longBooks[tier], step.oiBase() * longShare * weights[tier], longFactor[tier],
          logLongFactor[tier], logCenter, logHalfWidth, points, bins, bin -> bin < lowBin);
      seedSide(shortBooks[tier], step.oiBase() * (1.0 - longShare) * weights[tier], shortFactor[tier],
          logShortFactor[tier], logCenter, logHalfWidth, points, bins, bin -> bin > highBin);
    }
  }

  private void seedSide(
      TierBook book,
      double quantity,
      double factor,
      double logFactor,
      double logCenter,
      double logHalfWidth,
      int points,
      int[] bins,
      IntPredicate survives) {
    int survivors = 0;
    int nearest = 0;
    double nearestDistance = Double.POSITIVE_INFINITY;
    for (int point = 0; point < points; point++) {
      double offset = points == 1 ? 0.0 : logHalfWidth * (2.0 * point / (points - 1) - 1.0);
      double logEntry = logCenter + offset;
      int bin = grid.indexOfScaled(StrictMath.exp(logEntry), logEntry, factor, logFactor);
      if (survives.test(bin)) {
        bins[survivors++] = bin;
      } else if (Math.abs(offset) < nearestDistance) {
        nearestDistance = Math.abs(offset);
        nearest = bin;
      }
    }
    if (survivors == 0) {
      // Only a first step wider than the whole seed band gets here; keep the OI at the nearest level.
      book.add(nearest, quantity);
      return;
    }
    double each = quantity / survivors;
    for (int i = 0; i < survivors; i++) {
      book.add(bins[i], each);
    }
  }

  private void foldBeyondBookRange(double price) {
    double range = calibration.bookRange();
    int minBin = grid.indexOf(price / (1.0 + range));
    int maxBin = grid.indexOf(price * (1.0 + range));
    for (int tier = 0; tier < tierCount; tier++) {
      longBooks[tier].foldBeyond(minBin, maxBin);
      shortBooks[tier].foldBeyond(minBin, maxBin);
    }
  }

  /**
   * Churn: far more positions close and reopen at current prices than OI changes show. A share of
   * the whole book proportional to volume ÷ OI (or to range ÷ price) closes proportionally and
   * reopens at VWAP as new positions.
   */
  private void planTurnover(Step step, double longShare, double total) {
    // Volume drives turnover when the calibration weighs it and the step has it; otherwise the
    // range does, so a calibration fitted on bars without volume behaves the same on a live feed.
    double share;
    if (calibration.turnoverPerVolume() > 0 && !Double.isNaN(step.volume()) && step.oiBase() > 0) {
      share = calibration.turnoverPerVolume() * step.volume() / step.oiBase();
    } else {
      share = calibration.turnoverPerRange() * (step.high() - step.low()) / step.vwap();
    }
    share = Math.min(share, calibration.maxTurnoverPerStep());
    if (!(share > 0)) {
      return;
    }
    double churned = total * share;
    for (int tier = 0; tier < tierCount; tier++) {
      tierKeep[tier] *= 1.0 - share;
      openLong[tier] += churned * longShare * weights[tier];
      openShort[tier] += churned * (1.0 - longShare) * weights[tier];
    }
  }

  /** Per-tier half-life: what decays out of a tier reopens at VWAP in that same tier. */
  private void planDecay(long elapsedMs, double longShare) {
    if (elapsedMs <= 0) {
      return;
    }
    if (elapsedMs != decayKeepForDtMs) {
      for (int tier = 0; tier < tierCount; tier++) {
        decayKeep[tier] =
            decayHalfLifeMs[tier] > 0 ? StrictMath.pow(0.5, elapsedMs / decayHalfLifeMs[tier]) : 1.0;
      }
      decayKeepForDtMs = elapsedMs;
    }
    for (int tier = 0; tier < tierCount; tier++) {
      double keep = decayKeep[tier];
      if (keep < 1.0) {
        double decayed = tierTotal[tier] * tierKeep[tier] * (1.0 - keep);
        tierKeep[tier] *= keep;
        openLong[tier] += decayed * longShare;
        openShort[tier] += decayed * (1.0 - longShare);
      }
    }
  }

  private double pendingOpens() {
    double pending = 0.0;
    for (int tier = 0; tier < tierCount; tier++) {
      pending += openLong[tier] + openShort[tier];
    }
    return pending;
  }

  /** Plans closing {@code quantity} of the {@code kept} book by the closing rule. */
  private void planClose(double quantity, double kept) {
    if (quantity >= kept) {
      Arrays.fill(tierKeep, 0.0);
      // OI fell below even the positions about to reopen: only part of them can.
      double pending = pendingOpens();
      double keep = pending > 0 ? Math.max(0.0, 1.0 - (quantity - kept) / pending) : 0.0;
      for (int tier = 0; tier < tierCount; tier++) {
        openLong[tier] *= keep;
        openShort[tier] *= keep;
      }
      return;
    }
    if (calibration.closingRule() == ClosingRule.PROPORTIONAL) {
      double keep = 1.0 - quantity / kept;
      for (int tier = 0; tier < tierCount; tier++) {
        tierKeep[tier] *= keep;
      }
      return;
    }
    double remaining = quantity;
    for (int tier = tierCount - 1; tier >= 0 && remaining > 0; tier--) {
      double tierKept = tierTotal[tier] * tierKeep[tier];
      if (tierKept <= 0) {
        continue;
      }
      double closed = Math.min(remaining, tierKept);
      tierKeep[tier] *= 1.0 - closed / tierKept;
      remaining -= closed;
    }
  }

  private void openAtVwap(double vwap) {
    grid.indicesOfScaled(vwap, openFactors, logOpenFactors, openBins);
    for (int tier = 0; tier < tierCount; tier++) {
      if (openLong[tier] > 0) {
        longBooks[tier].add(openBins[tier], openLong[tier]);
      }
      if (openShort[tier] > 0) {
        shortBooks[tier].add(openBins[tierCount + tier], openShort[tier]);
      }
    }
  }

  /**
   * The long share of newly opened positions, from the configured source when the step carries it,
   * then the other data source, then candle direction.
   */
  double longShare(Step step) {
    SplitSource source = calibration.splitSource();
    if (source != SplitSource.CANDLE) {
      double first = source == SplitSource.ACCOUNT_RATIO ? accountRatioShare(step) : takerShare(step);
      if (!Double.isNaN(first)) {
        return first;
      }
      double second = source == SplitSource.ACCOUNT_RATIO ? takerShare(step) : accountRatioShare(step);
      if (!Double.isNaN(second)) {
        return second;
      }
    }
    double bias = calibration.candleBias();
    return step.close() > step.open() ? 0.5 + bias : step.close() < step.open() ? 0.5 - bias : 0.5;
  }

  private static double accountRatioShare(Step step) {
    double ratio = step.longShortRatio();
    return Double.isNaN(ratio) ? Double.NaN : ratio / (1.0 + ratio);
  }

  private static double takerShare(Step step) {
    double buy = step.takerBuyVolume();
    double sell = step.takerSellVolume();
    if (Double.isNaN(buy) || Double.isNaN(sell) || buy + sell <= 0) {
      return Double.NaN;
    }
    return buy / (buy + sell);
  }

  /** Base-unit quantity the book holds, both sides, all tiers. */
  public double bookTotal() {
    double total = 0.0;
    for (int tier = 0; tier < tierCount; tier++) {
      total += longBooks[tier].total() + shortBooks[tier].total();
    }
    return total;
  }

  public double bookTotal(Side side) {
    double total = 0.0;
    for (TierBook book : side == Side.LONG ? longBooks : shortBooks) {
      total += book.total();
    }
    return total;
  }

  /** Base-unit quantity of one side and tier. */
  public double tierTotal(Side side, int tier) {
    return (side == Side.LONG ? longBooks : shortBooks)[tier].total();
  }

  /** Book total over reported OI: the diagnostic that the warm book still holds the whole OI. */
  public double bookToOi() {
    return bookToOi(lastOiBase);
  }

  private double bookToOi(double oiBase) {
    return oiBase > 0 ? bookTotal() / oiBase : (bookTotal() == 0 ? 1.0 : Double.POSITIVE_INFINITY);
  }

  /** USD density within {@code centerPrice·(1 ± range)}, both sides. */
  public DensityFrame frame(double centerPrice, double range) {
    int from = grid.indexOf(centerPrice * (1.0 - range));
    int to = grid.indexOf(centerPrice * (1.0 + range));
    int span = to - from + 1;
    double[] longs = new double[span];
    double[] shorts = new double[span];
    for (int tier = 0; tier < tierCount; tier++) {
      longBooks[tier].accumulate(from, longs);
      shortBooks[tier].accumulate(from, shorts);
    }
    boolean[] present = new boolean[span];
    for (int i = 0; i < span; i++) {
      if (longs[i] > 0 || shorts[i] > 0) {
        double price = grid.center(from + i);
        longs[i] *= price;
        shorts[i] *= price;
        present[i] = true;
      }
    }
    return DensityFrame.fromDense(grid, from, longs, shorts, present);
  }

  /** Bands for a viewer's window. The model is only read. */
  public List<Band> bands(BandQuery query) {
    return BandExtractor.extract(frame(query.centerPrice(), query.range()), query);
  }

  /** SHA-256 over the model's whole state. Equal states have equal checksums. */
  public String checksum() {
    CanonicalHash hash = new CanonicalHash()
        .putString(calibration.modelVersion())
        .putString(marketId)
        .putInt(seeded ? 1 : 0)
        .putLong(lastTimeMs)
        .putDouble(lastPrice)
        .putDouble(lastOiBase)
        .putDouble(lastOiUsd)
        .putLong(stepCount);
    for (int tier = 0; tier < tierCount; tier++) {
      putBook(hash, longBooks[tier].state());
      putBook(hash, shortBooks[tier].state());
    }
    return hash.hex();
  }

  private static void putBook(CanonicalHash hash, TierBookState state) {
    hash.putInt(state.lowestBin())
        .putDouble(state.scale())
        .putDouble(state.scaledTotal())
        .putDoubles(state.scaledBins());
  }

  public ModelSnapshot snapshot() {
    List<TierBookState> longs = new ArrayList<>(tierCount);
    List<TierBookState> shorts = new ArrayList<>(tierCount);
    for (int tier = 0; tier < tierCount; tier++) {
      longs.add(longBooks[tier].state());
      shorts.add(shortBooks[tier].state());
    }
    return new ModelSnapshot(
        calibration.modelVersion(), marketId, seeded, lastTimeMs, lastPrice, lastOiBase, lastOiUsd,
        stepCount, longs, shorts);
  }

  /** Heap the bin arrays take: the part of a market's state that grows with the book. */
  public long binBytes() {
    long bytes = 0;
    for (int tier = 0; tier < tierCount; tier++) {
      bytes += longBooks[tier].binBytes() + shortBooks[tier].binBytes();
    }
    return bytes;
  }

  /** Number of non-empty bins across all books. */
  public int occupiedBins() {
    int count = 0;
    for (int tier = 0; tier < tierCount; tier++) {
      count += countOccupied(longBooks[tier]) + countOccupied(shortBooks[tier]);
    }
    return count;
  }

  private static int countOccupied(TierBook book) {
    int count = 0;
    for (double stored : book.state().scaledBins()) {
      if (stored != 0.0) {
        count++;
      }
    }
    return count;
  }

  /** Base-unit quantity of one side and tier in one bin, for tests and diagnostics. */
  public double quantityAt(Side side, int tier, int bin) {
    return (side == Side.LONG ? longBooks : shortBooks)[tier].quantityAt(bin);
  }

  public Calibration calibration() {
    return calibration;
  }

  public String marketId() {
    return marketId;
  }

  public PriceGrid grid() {
    return grid;
  }

  public boolean isSeeded() {
    return seeded;
  }

  public long lastTimeMs() {
    return lastTimeMs;
  }

  public double lastPrice() {
    return lastPrice;
  }

  public double lastOiBase() {
    return lastOiBase;
  }

  public double lastOiUsd() {
    return lastOiUsd;
  }

  public long stepCount() {
    return stepCount;
  }

  /** Liquidation price of a tier's positions opened at {@code entry}, in this market. */
  public double liquidationPrice(Side side, int tier, double entry) {
    return entry * (side == Side.LONG ? longFactor[tier] : shortFactor[tier]);
  }
}
