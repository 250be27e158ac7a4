package io.liqheat.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One simulated perpetual market: a price path and a population of traders whose every position,
 * entry, side and leverage is known. Pure and deterministic for a seed; {@link SimulatedExchange}
 * drives it in real time and serves it over the exchanges' wire protocols.
 *
 * <ul>
 *   <li>Price: a log random walk whose volatility clusters (a mean-reverting log-volatility) with
 *       rare jumps, so liquidation cascades happen now and then.
 *   <li>Traders open at the current price with a leverage drawn from the spec, hold for hours on
 *       average, and are liquidated on isolated margin when the mark crosses their level: the long's
 *       level is entry × (1 − 1/L + mmr), the short's entry × (1 + 1/L − mmr).
 *   <li>Open interest is the sum of open positions; the account ratio is longs ÷ shorts by count.
 * </ul>
 *
 * Not thread-safe; {@link SimulatedExchange} serialises access.
 */
public final class SimulatedMarket {

  public static final long TICK_MS = 100;
  /** Every market sends its mark price and open interest once a second, at its own phase. */
  public static final long MARK_EVERY_MS = 1_000;
  private static final long CANDLE_MS = 60_000;
  private static final long HISTORY_MS = 300_000;
  private static final double MEAN_HOLDING_SECONDS = 8 * 3600;
  private static final double VOL_REVERSION_PER_SECOND = 1.0 / 1800;
  private static final double VOL_OF_VOL = 0.0167;
  private static final double JUMPS_PER_SECOND = 1.0 / (6 * 3600);
  private static final double JUMP_SIZE = 0.008;
  private static final int MAX_CANDLES = 4 * 24 * 60;
  private static final int MAX_HISTORY_POINTS = 4 * 24 * 12;

  private final SimMarketSpec spec;
  private final SplittableRandom random;
  private final double[] cumulativeLeverageWeights;
  private final List<Position> open = new ArrayList<>();
  private final PriorityQueue<Position> longsByLevel = new PriorityQueue<>((a, b) -> Double.compare(b.level, a.level));
  private final PriorityQueue<Position> shortsByLevel = new PriorityQueue<>((a, b) -> Double.compare(a.level, b.level));
  private final Deque<SimCandle> candles = new ArrayDeque<>();
  private final Deque<SimHistoryPoint> history = new ArrayDeque<>();
  private final List<SimEvent> tickEvents = new ArrayList<>();

  private final long markPhaseMs;
  private long timeMs;
  private double price;
  private double logVolatility;
  private double longBias;
  private long nextTradeId = 1;
  private double openBase;
  private int longCount;
  private CandleAccumulator candle;
  private double periodTakerBuy;
  private double periodTakerSell;
  private double liquidatedLongUsd;
  private double liquidatedShortUsd;

  /** A market whose marks and open interest come at whole seconds. */
  public SimulatedMarket(SimMarketSpec spec, long seed, long startMs) {
    this(spec, seed, startMs, 0);
  }

  /**
   * @param markPhaseMs where in each second this market's mark price and open interest are sent: a
   *     multiple of {@link #TICK_MS} below {@link #MARK_EVERY_MS}. Real feeds are not in step across
   *     symbols: in Bybit's recorded tickers each symbol's open interest arrives in its own 100 ms
   *     slots (BTCUSDT at .083 s, .183 s …, ETHUSDT at .874 s, .974 s …, DOGEUSDT at .534 s …), so a
   *     simulator that sends every market's at the same instant makes every entity publish at once.
   */
  public SimulatedMarket(SimMarketSpec spec, long seed, long startMs, long markPhaseMs) {
    if (markPhaseMs < 0 || markPhaseMs >= MARK_EVERY_MS || markPhaseMs % TICK_MS != 0) {
      throw new IllegalArgumentException(
          "markPhaseMs must be a multiple of " + TICK_MS + " ms below " + MARK_EVERY_MS + " ms, was " + markPhaseMs);
    }
    this.markPhaseMs = markPhaseMs;
    this.spec = spec;
    this.random = new SplittableRandom(seed ^ spec.market().toString().hashCode());
    this.cumulativeLeverageWeights = cumulative(spec.leverageWeights());
    this.timeMs = startMs - startMs % TICK_MS;
    this.price = spec.startPrice();
    this.candle = new CandleAccumulator(timeMs - timeMs % CANDLE_MS, price);
    seedPopulation();
  }

  public SimMarketSpec spec() {
    return spec;
  }

  public long timeMs() {
    return timeMs;
  }

  public double markPrice() {
    return price;
  }

  public double openInterestBase() {
    return openBase;
  }

  public int openPositions() {
    return open.size();
  }

  public double longAccountShare() {
    return open.isEmpty() ? 0.5 : (double) longCount / open.size();
  }

  public double liquidatedLongUsd() {
    return liquidatedLongUsd;
  }

  public double liquidatedShortUsd() {
    return liquidatedShortUsd;
  }

  /** The sum of open position sizes, recounted from the positions themselves (for consistency checks). */
  public double recountOpenInterestBase() {
    double total = 0;
    for (Position position : open) {
      total += position.size;
    }
    return total;
  }

  /** Closed one-minute candles, oldest first. */
  public List<SimCandle> candles() {
    return List.copyOf(candles);
  }

  /** Five-minute open-interest and ratio points, oldest first. */
  public List<SimHistoryPoint> history() {
    return List.copyOf(history);
  }

  /** Every open position's side, size and liquidation level: the ground truth. */
  public List<PositionView> positions() {
    List<PositionView> views = new ArrayList<>(open.size());
    for (Position position : open) {
      views.add(new PositionView(position.isLong, position.size, position.entry, position.leverage, position.level));
    }
    return views;
  }

  /** One open position as the truth endpoint and tests see it. */
  public record PositionView(boolean isLong, double size, double entry, int leverage, double liquidationPrice) {}

  /** Runs the market up to {@code toMs}, handing every event to {@code out} in time order. */
  public void advance(long toMs, Consumer<SimEvent> out) {
    while (timeMs + TICK_MS <= toMs) {
      tick(out);
    }
  }

  private void tick(Consumer<SimEvent> out) {
    timeMs += TICK_MS;
    double dt = TICK_MS / 1000.0;
    movePrice(dt);
    tickEvents.clear();
    liquidateCrossed();
    int opens = poisson(spec.opensPerSecond() * dt);
    for (int i = 0; i < opens; i++) {
      openPosition();
    }
    int closes = poisson(open.size() * dt / MEAN_HOLDING_SECONDS);
    for (int i = 0; i < closes && !open.isEmpty(); i++) {
      closeRandomPosition();
    }
    double noiseRate = Math.max(0, spec.tradesPerSecond() - spec.opensPerSecond() - open.size() / MEAN_HOLDING_SECONDS);
    int noise = poisson(noiseRate * dt);
    for (int i = 0; i < noise; i++) {
      double size = positionSize() * 0.2;
      trade(size, random.nextDouble() < 0.5);
    }
    if (timeMs % MARK_EVERY_MS == markPhaseMs) {
      long nextFunding = timeMs - timeMs % (8 * 3600_000L) + 8 * 3600_000L;
      tickEvents.add(new SimEvent.Mark(timeMs, price, price * (1 - 0.0001), 0.0001, nextFunding));
      tickEvents.add(new SimEvent.OpenInterest(timeMs, openBase, openBase * price));
    }
    for (SimEvent event : tickEvents) {
      out.accept(event);
    }
    rollPeriods();
  }

  private void movePrice(double dt) {
    logVolatility += -VOL_REVERSION_PER_SECOND * logVolatility * dt + VOL_OF_VOL * Math.sqrt(dt) * random.nextGaussian();
    double sigmaPerSecond = spec.dailyVolatility() / Math.sqrt(86_400) * Math.exp(logVolatility);
    double logReturn = sigmaPerSecond * Math.sqrt(dt) * random.nextGaussian();
    if (random.nextDouble() < JUMPS_PER_SECOND * dt) {
      logReturn += JUMP_SIZE * random.nextGaussian();
    }
    price *= Math.exp(logReturn);
    // Crowd positioning drifts slowly, so the account ratio moves away from 1 and back.
    longBias += -longBias * dt / 3600 + 0.02 * Math.sqrt(dt) * random.nextGaussian();
  }

  private void liquidateCrossed() {
    while (!longsByLevel.isEmpty() && (longsByLevel.peek().closed || longsByLevel.peek().level >= price)) {
      Position position = longsByLevel.poll();
      if (!position.closed) {
        liquidate(position);
      }
    }
    while (!shortsByLevel.isEmpty() && (shortsByLevel.peek().closed || shortsByLevel.peek().level <= price)) {
      Position position = shortsByLevel.poll();
      if (!position.closed) {
        liquidate(position);
      }
    }
  }

  private void liquidate(Position position) {
    removeOpen(position);
    if (position.isLong) {
      liquidatedLongUsd += position.size * position.level;
    } else {
      liquidatedShortUsd += position.size * position.level;
    }
    tickEvents.add(new SimEvent.Liquidation(timeMs, position.isLong, position.level, position.size));
    // The exchange closes a liquidated long by selling, a short by buying.
    trade(position.size, !position.isLong);
  }

  private void openPosition() {
    boolean isLong = random.nextDouble() < 0.5 + 0.3 * Math.tanh(longBias);
    double size = positionSize();
    addPosition(isLong, size, price, drawLeverage());
    trade(size, isLong);
  }

  private void closeRandomPosition() {
    Position position = open.get(random.nextInt(open.size()));
    removeOpen(position);
    trade(position.size, !position.isLong);
  }

  private void trade(double size, boolean takerBuy) {
    double spread = price * 0.00005;
    double tradePrice = takerBuy ? price + spread : price - spread;
    tickEvents.add(new SimEvent.Trade(timeMs, nextTradeId++, tradePrice, size, takerBuy));
    candle.add(tradePrice, size, takerBuy);
    if (takerBuy) {
      periodTakerBuy += size;
    } else {
      periodTakerSell += size;
    }
  }

  private void rollPeriods() {
    if (timeMs % CANDLE_MS == 0) {
      candles.addLast(candle.close(price));
      if (candles.size() > MAX_CANDLES) {
        candles.removeFirst();
      }
      candle = new CandleAccumulator(timeMs, price);
      compactHeaps();
    }
    if (timeMs % HISTORY_MS == 0) {
      history.addLast(new SimHistoryPoint(timeMs, openBase, openBase * price, longAccountShare(), periodTakerBuy, periodTakerSell));
      if (history.size() > MAX_HISTORY_POINTS) {
        history.removeFirst();
      }
      periodTakerBuy = 0;
      periodTakerSell = 0;
    }
  }

  /** Closed positions deep in a heap would otherwise stay there until the price reached them. */
  private void compactHeaps() {
    if (longsByLevel.size() + shortsByLevel.size() > 2 * open.size() + 1024) {
      longsByLevel.removeIf(position -> position.closed);
      shortsByLevel.removeIf(position -> position.closed);
    }
  }

  /** A starting population as if the market had traded for a while: entries spread around the start price. */
  private void seedPopulation() {
    int target = (int) (spec.opensPerSecond() * MEAN_HOLDING_SECONDS);
    for (int i = 0; i < target; i++) {
      boolean isLong = random.nextDouble() < 0.5;
      double entry = price * Math.exp(spec.dailyVolatility() * 0.5 * random.nextGaussian());
      int leverage = drawLeverage();
      double level = level(isLong, entry, leverage);
      boolean alreadyLiquidated = isLong ? level >= price : level <= price;
      if (!alreadyLiquidated) {
        addPosition(isLong, positionSize(), entry, leverage);
      }
    }
  }

  private void addPosition(boolean isLong, double size, double entry, int leverage) {
    Position position = new Position(isLong, size, entry, leverage, level(isLong, entry, leverage), open.size());
    open.add(position);
    (isLong ? longsByLevel : shortsByLevel).add(position);
    openBase += size;
    if (isLong) {
      longCount++;
    }
  }

  private double level(boolean isLong, double entry, int leverage) {
    double mmr = spec.maintenanceMarginRate();
    return isLong ? entry * (1 - 1.0 / leverage + mmr) : entry * (1 + 1.0 / leverage - mmr);
  }

  /** Swap-removes from the open list; the heaps drop closed positions lazily when they reach the top. */
  private void removeOpen(Position position) {
    Position last = open.remove(open.size() - 1);
    if (last != position) {
      open.set(position.index, last);
      last.index = position.index;
    }
    position.closed = true;
    openBase -= position.size;
    if (position.isLong) {
      longCount--;
    }
    if (open.isEmpty()) {
      openBase = 0;
    }
  }

  private double positionSize() {
    double usd = spec.meanPositionUsd() * Math.exp(0.8 * random.nextGaussian() - 0.32);
    return usd / price;
  }

  private int drawLeverage() {
    double u = random.nextDouble();
    for (int i = 0; i < cumulativeLeverageWeights.length; i++) {
      if (u < cumulativeLeverageWeights[i]) {
        return spec.leverageTiers().get(i);
      }
    }
    return spec.leverageTiers().get(spec.leverageTiers().size() - 1);
  }

  private int poisson(double mean) {
    // Knuth's method: the means here are small (a tick's worth of events).
    double limit = Math.exp(-mean);
    int count = 0;
    double product = random.nextDouble();
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  private static double[] cumulative(List<Double> weights) {
    double total = weights.stream().mapToDouble(Double::doubleValue).sum();
    double[] cumulative = new double[weights.size()];
    double running = 0;
    for (int i = 0; i < cumulative.length; i++) {
      running += weights.get(i) / total;
      cumulative[i] = running;
    }
    return cumulative;
  }

  private static final class Position {
    final boolean isLong;
    final double size;
    final double entry;
    final int leverage;
    final double level;
    int index;
    boolean closed;

    Position(boolean isLong, double size, double entry, int leverage, double level, int index) {
      this.isLong = isLong;
      this.size = size;
      this.entry = entry;
      this.leverage = leverage;
      this.level = level;
      this.index = index;
    }
  }

  private static final class CandleAccumulator {
    final long openTimeMs;
    final double open;
    double high;
    double low;
    double volume;
    double quoteVolume;
    double takerBuy;
    int trades;

    CandleAccumulator(long openTimeMs, double open) {
      this.openTimeMs = openTimeMs;
      this.open = open;
      this.high = open;
      this.low = open;
    }

    void add(double price, double size, boolean takerBuy) {
      high = Math.max(high, price);
      low = Math.min(low, price);
      volume += size;
      quoteVolume += price * size;
      if (takerBuy) {
        this.takerBuy += size;
      }
      trades++;
    }

    SimCandle close(double close) {
      return new SimCandle(openTimeMs, open, Math.max(high, close), Math.min(low, close), close, volume, quoteVolume,
          takerBuy, trades);
    }
  }
}
