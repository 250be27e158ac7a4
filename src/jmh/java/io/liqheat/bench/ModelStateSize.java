package io.liqheat.bench;

import io.liqheat.model.Calibration;
import io.liqheat.model.DensityModel;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap of one market's {@link DensityModel} at the default calibration after a long,
 * wandering run (issue 2 target: ≤ 256 KiB per market).
 *
 * <p>A heap size is a fact about a state, not a rate, so this is a plain program rather than a JMH
 * benchmark. JOL walks the object graph from the model and sums the shallow sizes of everything
 * reachable. The {@link Calibration} (and the grid inside it) is shared by every market running
 * that model version, so the per-market figure subtracts it; both are printed.
 *
 * <p>The run: minute bars of a volatility-clustered random walk whose target drifts to +30 %, down
 * to -30 % and back over the run (default 100,000 steps), so the book has to follow the price
 * across the whole range. The size is taken every tenth of the run and the largest is reported,
 * since the state need not be largest at the end.
 *
 * <pre>java -cp target/liqheat-bench.jar io.liqheat.bench.ModelStateSize [steps [drift]]</pre>
 */
public final class ModelStateSize {

  static final long TARGET_BYTES = 256 * 1024;

  private ModelStateSize() {}

  public static void main(String[] args) {
    // JOL cannot take field offsets of record classes (Calibration, Step...) through Unsafe on
    // JDK 17; this switch makes it use its fallback. It must be set before JOL first loads.
    System.setProperty("jol.magicFieldOffset", "true");
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    double drift = args.length > 1 ? Double.parseDouble(args[1]) : 0.30;

    Calibration calibration = BenchCalibrations.defaults();
    // Pull towards the drifting target strong enough to follow it (lag well under a tenth of the
    // period), weak enough that the noise still wanders a few percent around it.
    MarketPath path = MarketPath.drifting(7, steps, 60_000.0, 0.0003, drift);
    DensityModel model = new DensityModel(calibration, "binance:BTCUSDT");
    long calibrationBytes = GraphLayout.parseInstance(calibration).totalSize();

    System.out.printf(Locale.ROOT, "default calibration %s, %d steps, price %.0f..%.0f (start 60000)%n",
        calibration.grid(), steps, path.minClose(), path.maxClose());
    System.out.printf(Locale.ROOT, "%9s %9s %10s %14s %18s %16s%n",
        "step", "price", "occupied", "binArrays B", "model-calib B", "model+calib B");

    long timeMs = 1_700_000_000_000L;
    long largest = 0;
    int checkpoint = Math.max(1, steps / 10);
    for (int i = 0; i < steps; i++) {
      model.step(path.step(i, timeMs));
      timeMs += MarketPath.BAR_MS;
      if ((i + 1) % checkpoint == 0 || i + 1 == steps) {
        GraphLayout whole = GraphLayout.parseInstance(model);
        long perMarket = whole.subtract(GraphLayout.parseInstance(calibration)).totalSize();
        largest = Math.max(largest, perMarket);
        System.out.printf(Locale.ROOT, "%9d %9.0f %10d %14d %18d %16d%n",
            i + 1, model.lastPrice(), model.occupiedBins(), model.binBytes(), perMarket, whole.totalSize());
      }
    }

    GraphLayout perMarket =
        GraphLayout.parseInstance(model).subtract(GraphLayout.parseInstance(calibration));
    System.out.println();
    System.out.println("Per-market state at the end (shared calibration excluded):");
    System.out.println(perMarket.toFootprint());
    System.out.printf(Locale.ROOT, "shared calibration: %d B (%.1f KiB), counted once per model version%n",
        calibrationBytes, calibrationBytes / 1024.0);
    System.out.printf(Locale.ROOT, "per-market state: end %d B (%.1f KiB), largest seen %d B (%.1f KiB);"
            + " target %d KiB: %s%n",
        perMarket.totalSize(), perMarket.totalSize() / 1024.0, largest, largest / 1024.0,
        TARGET_BYTES / 1024, largest <= TARGET_BYTES ? "met" : "MISSED");
  }
}
