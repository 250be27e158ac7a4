package io.liqheat.bench;

import io.liqheat.model.Step;
import java.util.SplittableRandom;

/**
 * A synthetic but realistic market, pre-generated as primitive arrays so that producing a step
 * during a measurement costs only what a live feed costs the model: reading a few numbers and
 * allocating one {@link Step}.
 *
 * <p>Each bar is one minute of a BTC-like perpetual:
 *
 * <ul>
 *   <li>log price: a GARCH(1,1) random walk (volatility clustering: calm stretches and bursts; ≈
 *       0.08 % per minute on average) pulled back towards a target by a weak Ornstein–Uhlenbeck
 *       force, so its range stays bounded however long it runs;
 *   <li>intrabar high/low beyond open/close by a half-normal multiple of the current volatility;
 *       VWAP the OHLC mean; the mark range is the trade range shrunk 10 % towards VWAP (the mark is
 *       an index, smoother than trades);
 *   <li>OI in base units: a mean-reverting random walk (≈ half of the steps rise, half fall), with
 *       extra falls on large moves (deleveraging); OI in USD at the close;
 *   <li>volume rising with volatility, taker buy share following the bar's direction, and a slowly
 *       wandering long/short account ratio (the default calibration splits new positions by it).
 * </ul>
 *
 * <p>The same seed gives the same path, so every fork of a benchmark sees the same market.
 */
final class MarketPath {

  static final long BAR_MS = 60_000L;

  /** Long-run volatility of one 1-minute bar (log return standard deviation). */
  private static final double SIGMA = 0.0008;
  private static final double GARCH_ALPHA = 0.08;
  private static final double GARCH_BETA = 0.90;
  private static final double GARCH_OMEGA = SIGMA * SIGMA * (1.0 - GARCH_ALPHA - GARCH_BETA);

  private static final double OI_MEAN_BASE = 80_000.0;
  private static final double OI_NOISE = 0.0015;
  private static final double OI_REVERSION = 0.002;

  final double[] open;
  final double[] high;
  final double[] low;
  final double[] close;
  final double[] vwap;
  final double[] markHigh;
  final double[] markLow;
  final double[] volume;
  final double[] takerBuy;
  final double[] takerSell;
  final double[] longShortRatio;
  final double[] oiBase;
  final double[] oiUsd;

  private MarketPath(int bars) {
    open = new double[bars];
    high = new double[bars];
    low = new double[bars];
    close = new double[bars];
    vwap = new double[bars];
    markHigh = new double[bars];
    markLow = new double[bars];
    volume = new double[bars];
    takerBuy = new double[bars];
    takerSell = new double[bars];
    longShortRatio = new double[bars];
    oiBase = new double[bars];
    oiUsd = new double[bars];
  }

  int length() {
    return close.length;
  }

  /**
   * Bar {@code i} as a model step. Allocating the record here, per step, is deliberate: a live
   * feed hands the model a fresh Step every time, so the allocation belongs to the measured cost.
   */
  Step step(int i, long timeMs) {
    return new Step(
        timeMs, open[i], high[i], low[i], close[i], vwap[i], markHigh[i], markLow[i], volume[i],
        takerBuy[i], takerSell[i], longShortRatio[i], oiBase[i], oiUsd[i]);
  }

  /**
   * A stationary path that can be replayed forever: {@code forwardBars} bars of a mean-reverting
   * walk around {@code startPrice}, followed by the same bars played backwards (each reversed bar
   * goes from its close to its open, with the OI it started from and taker buy/sell swapped).
   *
   * <p>Cycling through it never jumps: the last bar ends where the first one starts. Together with
   * the mean reversion this keeps a model that is stepped through it indefinitely in the same
   * regime: the same price range, hence the same number of occupied bins, during warm-up and
   * every measurement iteration.
   */
  static MarketPath palindrome(long seed, int forwardBars, double startPrice, double reversionPerBar) {
    Points points = walk(seed, forwardBars, startPrice, reversionPerBar, 0.0, 1);
    MarketPath path = new MarketPath(2 * forwardBars);
    for (int i = 1; i <= forwardBars; i++) {
      // Forward bar i: from point i-1 to point i.
      path.fill(i - 1, points, i - 1, i, false);
      // Backward bar: from point i to point i-1, placed so the backward half runs N..1.
      path.fill(2 * forwardBars - i, points, i, i - 1, true);
    }
    return path;
  }

  /**
   * A one-way path of {@code bars} bars whose price target drifts as {@code startPrice·(1 + drift ·
   * sin(2π·t/bars))}: up by {@code drift}, down by {@code drift}, and back, with the same noise as
   * {@link #palindrome} on top. For measuring state after a long run that wanders.
   */
  static MarketPath drifting(long seed, int bars, double startPrice, double reversionPerBar, double drift) {
    Points points = walk(seed, bars, startPrice, reversionPerBar, drift, bars);
    MarketPath path = new MarketPath(bars);
    for (int i = 1; i <= bars; i++) {
      path.fill(i - 1, points, i - 1, i, false);
    }
    return path;
  }

  /** Per-point state (index 0..N) and per-bar shape (index 1..N, bar i ends at point i). */
  private static final class Points {
    final double[] price;
    final double[] oi;
    final double[] lsr;
    final double[] upWick;
    final double[] downWick;
    final double[] volume;
    final double[] buyShare;

    Points(int bars) {
      price = new double[bars + 1];
      oi = new double[bars + 1];
      lsr = new double[bars + 1];
      upWick = new double[bars + 1];
      downWick = new double[bars + 1];
      volume = new double[bars + 1];
      buyShare = new double[bars + 1];
    }
  }

  private static Points walk(
      long seed, int bars, double startPrice, double reversion, double drift, int driftPeriod) {
    SplittableRandom random = new SplittableRandom(seed);
    Points p = new Points(bars);
    double logStart = Math.log(startPrice);
    double logPrice = logStart;
    double variance = SIGMA * SIGMA;
    double logOi = Math.log(OI_MEAN_BASE);
    double logLsr = Math.log(1.6);
    p.price[0] = startPrice;
    p.oi[0] = OI_MEAN_BASE;
    p.lsr[0] = 1.6;
    for (int t = 1; t <= bars; t++) {
      double sigma = Math.sqrt(variance);
      double target = logStart + Math.log1p(drift * Math.sin(2 * Math.PI * t / driftPeriod));
      double ret = reversion * (target - logPrice) + sigma * random.nextGaussian();
      logPrice += ret;
      variance = GARCH_OMEGA + GARCH_ALPHA * ret * ret + GARCH_BETA * variance;

      // Intrabar wicks scale with the bar's volatility.
      p.upWick[t] = Math.abs(random.nextGaussian()) * sigma * 0.6;
      p.downWick[t] = Math.abs(random.nextGaussian()) * sigma * 0.6;
      // Busier in volatile stretches; lognormal noise on top.
      p.volume[t] = 120.0 * (sigma / SIGMA) * Math.exp(0.5 * random.nextGaussian() - 0.125);
      p.buyShare[t] = Math.min(0.95, Math.max(0.05, 0.5 + 0.3 * Math.tanh(ret / sigma)));

      // OI: noise around a mean, and forced deleveraging on moves beyond 2 sigma.
      double shock = Math.max(0.0, Math.abs(ret) - 2 * sigma) * 3.0;
      logOi += OI_REVERSION * (Math.log(OI_MEAN_BASE) - logOi) + OI_NOISE * random.nextGaussian() - shock;
      logLsr += 0.001 * (Math.log(1.6) - logLsr) + 0.004 * random.nextGaussian();

      p.price[t] = Math.exp(logPrice);
      p.oi[t] = Math.exp(logOi);
      p.lsr[t] = Math.exp(logLsr);
    }
    return p;
  }

  /** Writes bar {@code at}, going from point {@code from} to point {@code to}. */
  private void fill(int at, Points p, int from, int to, boolean backwards) {
    int shape = Math.max(from, to); // the forward bar that connects these two points
    double o = p.price[from];
    double c = p.price[to];
    double h = Math.max(o, c) * Math.exp(p.upWick[shape]);
    double l = Math.min(o, c) * Math.exp(-p.downWick[shape]);
    double v = (o + h + l + c) / 4.0;
    open[at] = o;
    close[at] = c;
    high[at] = h;
    low[at] = l;
    vwap[at] = v;
    markHigh[at] = v + 0.9 * (h - v);
    markLow[at] = v - 0.9 * (v - l);
    volume[at] = p.volume[shape];
    double buy = backwards ? 1.0 - p.buyShare[shape] : p.buyShare[shape];
    takerBuy[at] = p.volume[shape] * buy;
    takerSell[at] = p.volume[shape] - takerBuy[at];
    longShortRatio[at] = p.lsr[to];
    oiBase[at] = p.oi[to];
    oiUsd[at] = p.oi[to] * c;
  }

  double minClose() {
    double min = Double.POSITIVE_INFINITY;
    for (double price : close) {
      min = Math.min(min, price);
    }
    return min;
  }

  double maxClose() {
    double max = 0.0;
    for (double price : close) {
      max = Math.max(max, price);
    }
    return max;
  }
}
