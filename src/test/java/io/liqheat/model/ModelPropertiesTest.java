package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants over many random markets and calibrations: the book is never negative, it tracks OI,
 * and replaying the same steps gives the same checksum. Each case is a seed, so a failure names the
 * seed that reproduces it.
 */
class ModelPropertiesTest {

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void invariantsHoldOnRandomMarkets(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Calibration calibration = randomCalibration(random);
    List<Step> steps = randomSteps(random, 1 + random.nextInt(400));

    DensityModel model = new DensityModel(calibration, TestCalibrations.MARKET);
    for (Step step : steps) {
      model.step(step);
      assertBookNonNegative(model);
      double oi = step.oiBase();
      assertThat(model.bookTotal())
          .as("book total after the step at %d", step.timeMs())
          .isCloseTo(oi, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1.0, oi)));
    }

    DensityModel replay = new DensityModel(calibration, TestCalibrations.MARKET);
    steps.forEach(replay::step);
    assertThat(replay.checksum()).isEqualTo(model.checksum());
  }

  private static void assertBookNonNegative(DensityModel model) {
    ModelSnapshot snapshot = model.snapshot();
    List<TierBookState> books = new ArrayList<>(snapshot.longBooks());
    books.addAll(snapshot.shortBooks());
    for (TierBookState book : books) {
      assertThat(book.scale()).isPositive();
      for (double stored : book.scaledBins()) {
        assertThat(stored).isGreaterThanOrEqualTo(0.0);
      }
    }
  }

  private static Calibration randomCalibration(SplittableRandom random) {
    String[] closing = {"proportional", "high-leverage-first"};
    String[] sources = {"account-ratio", "taker-volume", "candle"};
    String[] grids = {"{ kind = relative, width = 0.0005 }", "{ kind = relative, width = 0.002 }", "{ kind = absolute, width = 25 }"};
    String halfLife = random.nextBoolean() ? "0" : (1 + random.nextInt(48)) + "h";
    return TestCalibrations.with(
        "closing-rule = " + closing[random.nextInt(2)]
            + ", split.source = " + sources[random.nextInt(3)]
            + ", grid = " + grids[random.nextInt(3)]
            + ", turnover.per-range = " + random.nextInt(6)
            + ", turnover.per-volume = " + random.nextDouble()
            + ", decay-half-life = [" + String.join(",", java.util.Collections.nCopies(8, halfLife)) + "]"
            + ", book-range = " + (0.05 + random.nextDouble())
            + ", range-blend = " + random.nextDouble());
  }

  /** Calm and violent moves, OI that doubles or collapses to zero, missing data of every kind. */
  private static List<Step> randomSteps(SplittableRandom random, int count) {
    List<Step> steps = new ArrayList<>(count);
    double price = 100 + random.nextDouble() * 60_000;
    double oi = random.nextDouble() * 10_000;
    long time = random.nextLong(1_000_000_000L);
    for (int i = 0; i < count; i++) {
      double move = random.nextInt(10) == 0 ? 0.2 : 0.01;
      double open = price;
      double close = Math.max(1, open * (1 + move * (random.nextDouble() * 2 - 1)));
      double high = Math.max(open, close) * (1 + move * random.nextDouble());
      double low = Math.min(open, close) * (1 - move * random.nextDouble());
      int oiMove = random.nextInt(20);
      oi = oiMove == 0 ? 0 : oiMove == 1 ? oi * 2 + 1 : oi * (0.9 + 0.2 * random.nextDouble());
      double nan = Double.NaN;
      boolean mark = random.nextBoolean();
      double volume = random.nextBoolean() ? random.nextDouble() * oi : nan;
      steps.add(new Step(time, open, high, low, close, low + (high - low) * random.nextDouble(),
          mark ? high * 0.999 + low * 0.001 : nan, mark ? low * 0.999 + high * 0.001 : nan,
          volume, nan, nan, random.nextBoolean() ? random.nextDouble() * 3 : nan, oi, oi * close));
      time += random.nextInt(3) == 0 ? 0 : random.nextInt(7_200_000);
      price = close;
    }
    return steps;
  }
}
