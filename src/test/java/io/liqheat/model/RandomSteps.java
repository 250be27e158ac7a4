package io.liqheat.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A reproducible random market: a price walk with varying volatility and a wandering OI. */
final class RandomSteps {

  private RandomSteps() {}

  static List<Step> walk(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Step> steps = new ArrayList<>(count);
    double price = 60_000;
    double oi = 80_000;
    double volatility = 0.002;
    for (int i = 0; i < count; i++) {
      volatility = Math.min(0.02, Math.max(0.0005, volatility * Math.exp(0.2 * random.nextGaussian())));
      double open = price;
      double close = open * Math.exp(volatility * random.nextGaussian());
      double high = Math.max(open, close) * (1 + volatility * random.nextDouble());
      double low = Math.min(open, close) * (1 - volatility * random.nextDouble());
      oi = Math.max(1_000, oi * (1 + 0.01 * random.nextGaussian()));
      double vwap = low + (high - low) * random.nextDouble();
      double nan = Double.NaN;
      double ratio = random.nextInt(3) == 0 ? nan : 0.5 + random.nextDouble() * 2;
      double buy = random.nextDouble() * 100;
      double sell = random.nextDouble() * 100;
      boolean volumes = random.nextBoolean();
      steps.add(new Step(i * 60_000L, open, high, low, close, vwap, nan, nan,
          volumes ? buy + sell : nan, volumes ? buy : nan, volumes ? sell : nan, ratio, oi, oi * close));
      price = close;
    }
    return steps;
  }
}
