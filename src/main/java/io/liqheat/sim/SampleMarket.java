package io.liqheat.sim;

import io.liqheat.backtest.Bar;
import io.liqheat.backtest.RealizedLiquidations;
import io.liqheat.model.LiquidationPrice;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small simulated perpetual market whose every position is known: traders open at the minute's
 * price with a leverage drawn from a fixed mix, close after random holding times, and are liquidated
 * by the isolated-margin rule when the price path crosses their level. It produces hourly bars and
 * the liquidations that really happened, in the backtest's formats, so the backtest runs on a fresh
 * clone without any recorded data.
 *
 * <p>OI here is the summed size of all open positions, the quantity the model's book tracks. The
 * price path has clustered volatility and occasional jumps, which is what produces liquidation
 * cascades. Deterministic for a seed.
 */
public final class SampleMarket {

  /** The generated market: bars and realized liquidations, hour by hour. */
  public record Sample(List<Bar> bars, List<RealizedLiquidations> liquidations) {}

  private static final long MINUTE_MS = 60_000L;
  private static final int WARM_UP_MINUTES = 24 * 60;
  private static final double[] LEVERAGES = {5, 10, 20, 25, 50, 75, 100, 125};
  private static final double[] LEVERAGE_WEIGHTS = {0.15, 0.25, 0.2, 0.12, 0.12, 0.06, 0.06, 0.04};
  private static final double OPENS_PER_MINUTE = 12;
  private static final double MEAN_HOLD_MINUTES = 8 * 60;
  private static final double MEDIAN_NOTIONAL_USD = 20_000;
  /** 2026-01-01T00:00:00Z: a fixed epoch keeps the sample identical on every machine. */
  private static final long START_MS = 1_767_225_600_000L;

  private final SplittableRandom random;
  private final Population positions = new Population();
  private double price = 60_000;
  private double variance = 0.0008 * 0.0008;
  private double momentum;

  private final int minutesPerBar;

  private SampleMarket(long seed, int minutesPerBar) {
    this.random = new SplittableRandom(seed);
    this.minutesPerBar = minutesPerBar;
  }

  /** Hourly bars. */
  public static Sample generate(long seed, int hours) {
    return generate(seed, hours, 60);
  }

  /** {@code bars} bars of {@code minutesPerBar} minutes each. */
  public static Sample generate(long seed, int bars, int minutesPerBar) {
    if (bars < 2) {
      throw new IllegalArgumentException("a sample needs at least two bars, asked for " + bars);
    }
    if (minutesPerBar < 1 || minutesPerBar > 1440) {
      throw new IllegalArgumentException("a bar lasts 1 to 1440 minutes, asked for " + minutesPerBar);
    }
    return new SampleMarket(seed, minutesPerBar).run(bars);
  }

  private Sample run(int barCount) {
    for (int minute = 0; minute < WARM_UP_MINUTES; minute++) {
      minute();
    }
    List<Bar> bars = new ArrayList<>(barCount);
    List<RealizedLiquidations> liquidations = new ArrayList<>(barCount);
    for (int bar = 0; bar < barCount; bar++) {
      double open = price;
      double high = price;
      double low = price;
      double volume = 0;
      double liquidatedLong = 0;
      double liquidatedShort = 0;
      for (int minute = 0; minute < minutesPerBar; minute++) {
        MinuteResult result = minute();
        high = Math.max(high, result.high);
        low = Math.min(low, result.low);
        volume += result.volume;
        liquidatedLong += result.liquidatedLongUsd;
        liquidatedShort += result.liquidatedShortUsd;
      }
      long openTime = START_MS + bar * minutesPerBar * MINUTE_MS;
      double longAccounts = positions.count(true);
      double shortAccounts = positions.count(false);
      bars.add(new Bar(openTime, open, high, low, price, positions.totalSize() * price, volume,
          shortAccounts > 0 ? longAccounts / shortAccounts : Double.NaN, Double.NaN, Double.NaN));
      liquidations.add(new RealizedLiquidations(
          openTime, openTime + minutesPerBar * MINUTE_MS, liquidatedLong, liquidatedShort));
    }
    return new Sample(bars, liquidations);
  }

  private record MinuteResult(double high, double low, double volume, double liquidatedLongUsd, double liquidatedShortUsd) {}

  private MinuteResult minute() {
    // GARCH(1,1)-like volatility with rare jumps: calm stretches, then bursts that sweep levels.
    double shock = random.nextGaussian() * Math.sqrt(variance);
    if (random.nextInt(2_000) == 0) {
      shock += (random.nextBoolean() ? 1 : -1) * 0.01 * (1 + random.nextDouble() * 2);
    }
    variance = 2e-8 + 0.08 * shock * shock + 0.9 * variance;
    double open = price;
    price = open * Math.exp(shock);
    double wick = Math.abs(random.nextGaussian()) * Math.sqrt(variance) * 0.5;
    double high = Math.max(open, price) * (1 + wick);
    double low = Math.min(open, price) * (1 - wick * random.nextDouble() * 2);
    momentum = 0.95 * momentum + shock;

    double liquidatedLong = positions.liquidateLongsAtOrAbove(low);
    double liquidatedShort = positions.liquidateShortsAtOrBelow(high);
    double volume = positions.closeRandomly(random, 1.0 / MEAN_HOLD_MINUTES);
    volume += openPositions();
    return new MinuteResult(high, low, volume, liquidatedLong, liquidatedShort);
  }

  private double openPositions() {
    int count = poisson(OPENS_PER_MINUTE);
    double longProbability = 0.5 + 0.15 * Math.tanh(momentum * 200);
    double opened = 0;
    for (int i = 0; i < count; i++) {
      boolean isLong = random.nextDouble() < longProbability;
      double leverage = LEVERAGES[pickTier()];
      double notional = MEDIAN_NOTIONAL_USD * Math.exp(1.2 * random.nextGaussian());
      double entry = price * (1 + 0.0002 * random.nextGaussian());
      double mmr = maintenanceMarginRate(notional);
      double liquidation = entry * (isLong
          ? LiquidationPrice.longFactor(leverage, mmr)
          : LiquidationPrice.shortFactor(leverage, mmr));
      positions.add(isLong, notional / entry, liquidation);
      opened += notional / entry;
    }
    return opened;
  }

  private int pickTier() {
    double draw = random.nextDouble();
    for (int tier = 0; tier < LEVERAGE_WEIGHTS.length; tier++) {
      draw -= LEVERAGE_WEIGHTS[tier];
      if (draw < 0) {
        return tier;
      }
    }
    return LEVERAGE_WEIGHTS.length - 1;
  }

  /** Binance BTCUSDT's first brackets: the sample's positions are all below 1M notional or near. */
  private static double maintenanceMarginRate(double notionalUsd) {
    return notionalUsd <= 50_000 ? 0.004 : notionalUsd <= 250_000 ? 0.005 : 0.01;
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
