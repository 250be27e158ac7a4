package io.liqheat.bench;

import io.liqheat.model.Band;
import io.liqheat.model.BandExtractor;
import io.liqheat.model.BandQuery;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.DensityModel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Band extraction for a ±10 % window on a warmed-up model at the default calibration (issue 2
 * target: ≤ 20 µs), split so the report shows where the time goes:
 *
 * <ul>
 *   <li>{@link #bands}: the whole call a viewer's request makes, {@code model.bands(query)};
 *   <li>{@link #frameOnly}: {@code model.frame(price, 0.10)}, the book summed into a USD frame;
 *   <li>{@link #extractOnly}: {@code BandExtractor.extract(frame, query)} on a prebuilt frame.
 * </ul>
 *
 * <p>The model is only read here, so one warmed model serves every invocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
// Fixed heap, pre-touched: otherwise the first passes through eden pay the kernel for zeroed
// pages, which made the first measured iterations 2-10x slower.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class BandExtractionBenchmark {

  static final double WINDOW = 0.10;
  static final int MAX_BANDS_PER_SIDE = 20;

  /** A default-calibration model after a realistic history, and a frame of its ±10 % window. */
  @State(Scope.Benchmark)
  public static class WarmModel {
    DensityModel model;
    double price;
    DensityFrame frame;

    @Setup(Level.Trial)
    public void setUp() {
      MarketPath path = MarketPath.palindrome(
          ModelStepBenchmark.SEED, ModelStepBenchmark.FORWARD_BARS, ModelStepBenchmark.START_PRICE,
          ModelStepBenchmark.REVERSION);
      model = new DensityModel(BenchCalibrations.defaults(), "binance:BTCUSDT");
      long timeMs = 1_700_000_000_000L;
      // One whole cycle reaches the steady state; stop 3/8 into the next one, mid-walk, so the
      // window is centred on an ordinary price rather than on the path's start.
      int steps = path.length() + 3 * path.length() / 8;
      for (int i = 0; i < steps; i++) {
        model.step(path.step(i % path.length(), timeMs));
        timeMs += MarketPath.BAR_MS;
      }
      price = model.lastPrice();
      frame = model.frame(price, WINDOW);
      System.out.printf(Locale.ROOT,
          "%n[setup] default calibration (grid %s) after %d steps: price %.1f, occupied bins %d,"
              + " ±10%% frame holds %d bins%n",
          model.grid(), steps, price, model.occupiedBins(), frame.size());
    }
  }

  /** The viewer's query; only the minimum intensity varies. */
  @State(Scope.Benchmark)
  public static class Query {
    @Param({"0.0", "0.5"})
    public double minIntensity;

    BandQuery query;

    @Setup(Level.Trial)
    public void setUp(WarmModel warm) {
      query = new BandQuery(warm.price, WINDOW, minIntensity, MAX_BANDS_PER_SIDE);
      List<Band> bands = warm.model.bands(query);
      System.out.printf(Locale.ROOT, "[setup] minIntensity %.1f: %d bands returned%n", minIntensity, bands.size());
    }
  }

  /** What a viewer's request costs: frame the window, then extract bands. */
  @Benchmark
  public List<Band> bands(WarmModel warm, Query query) {
    return warm.model.bands(new BandQuery(warm.price, WINDOW, query.minIntensity, MAX_BANDS_PER_SIDE));
  }

  /** Only the extraction, on a frame built in setup. */
  @Benchmark
  public List<Band> extractOnly(WarmModel warm, Query query) {
    return BandExtractor.extract(warm.frame, query.query);
  }

  /** Only the frame: summing the tier books of the window into USD per bin. */
  @Benchmark
  public DensityFrame frameOnly(WarmModel warm) {
    return warm.model.frame(warm.price, WINDOW);
  }
}
