package io.liqheat.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The open positions of simulated traders, in parallel primitive arrays: side, size in base units,
 * and the exact isolated-margin liquidation price. Removal swaps in the last position, so order is
 * not kept, but it is deterministic.
 */
final class Population {

  private boolean[] isLong = new boolean[1024];
  private double[] size = new double[1024];
  private double[] liquidationPrice = new double[1024];
  private int count;

  void add(boolean longSide, double baseSize, double liquidation) {
    if (count == size.length) {
      isLong = Arrays.copyOf(isLong, count * 2);
      size = Arrays.copyOf(size, count * 2);
      liquidationPrice = Arrays.copyOf(liquidationPrice, count * 2);
    }
    isLong[count] = longSide;
    size[count] = baseSize;
    liquidationPrice[count] = liquidation;
    count++;
  }

  /** Liquidates longs whose level the low reached; returns their notional at the liquidation price. */
  double liquidateLongsAtOrAbove(double low) {
    double usd = 0;
    for (int i = count - 1; i >= 0; i--) {
      if (isLong[i] && liquidationPrice[i] >= low) {
        usd += size[i] * liquidationPrice[i];
        remove(i);
      }
    }
    return usd;
  }

  double liquidateShortsAtOrBelow(double high) {
    double usd = 0;
    for (int i = count - 1; i >= 0; i--) {
      if (!isLong[i] && liquidationPrice[i] <= high) {
        usd += size[i] * liquidationPrice[i];
        remove(i);
      }
    }
    return usd;
  }

  /** Each position closes with the given probability; returns the closed size. */
  double closeRandomly(SplittableRandom random, double probability) {
    double closed = 0;
    for (int i = count - 1; i >= 0; i--) {
      if (random.nextDouble() < probability) {
        closed += size[i];
        remove(i);
      }
    }
    return closed;
  }

  double totalSize() {
    double total = 0;
    for (int i = 0; i < count; i++) {
      total += size[i];
    }
    return total;
  }

  int count(boolean longSide) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (isLong[i] == longSide) {
        n++;
      }
    }
    return n;
  }

  private void remove(int i) {
    count--;
    isLong[i] = isLong[count];
    size[i] = size[count];
    liquidationPrice[i] = liquidationPrice[count];
  }
}
