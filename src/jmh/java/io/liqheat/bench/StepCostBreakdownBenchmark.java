package io.liqheat.bench;

import io.liqheat.model.Step;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The pieces a model step is made of, timed alone (ns/op), to explain {@link ModelStepBenchmark}:
 * at 2,000,000 steps/s a step has 500 ns.
 *
 * <ul>
 *   <li>{@link #buildStep}: the benchmark's own input cost, a Step allocated from the arrays; the
 *       negative control that every step figure includes;
 *   <li>{@link #buildAndValidateStep}: plus {@code Step.validate()}, which every step runs;
 *   <li>{@link #strictMathLog}: one {@code StrictMath.log}, which {@code PriceGrid.indexOf} and
 *       {@code openAtVwap} call five times a step (on JDK 17 it is a JNI call into fdlibm, not
 *       an intrinsic);
 *   <li>{@link #mathLog}: the intrinsic {@code Math.log}, for comparison;
 *   <li>{@link #strictMathExp}: one {@code StrictMath.exp}, which {@code PriceGrid.center} calls
 *       per liquidated bin (a Java port of fdlibm on JDK 17).
 * </ul>
 *
 * <p>The math inputs are the path's prices, so they are not constant-folded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Threads(1)
// Fixed heap, pre-touched: otherwise the first passes through eden pay the kernel for zeroed
// pages, which made the first measured iterations 2-10x slower.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class StepCostBreakdownBenchmark {

  private MarketPath path;
  private int cursor;
  private long timeMs;

  @Setup(Level.Trial)
  public void setUp() {
    // Shorter than the step benchmark's path: only the input pattern matters here.
    path = MarketPath.palindrome(
        ModelStepBenchmark.SEED, 1 << 16, ModelStepBenchmark.START_PRICE, ModelStepBenchmark.REVERSION);
    timeMs = 1_700_000_000_000L;
  }

  private int next() {
    int i = cursor;
    if (++cursor == path.length()) {
      cursor = 0;
    }
    return i;
  }

  @Benchmark
  public Step buildStep() {
    timeMs += MarketPath.BAR_MS;
    return path.step(next(), timeMs);
  }

  @Benchmark
  public Step buildAndValidateStep() {
    timeMs += MarketPath.BAR_MS;
    Step step = path.step(next(), timeMs);
    step.validate();
    return step;
  }

  @Benchmark
  public double strictMathLog() {
    return StrictMath.log(path.low[next()]);
  }

  @Benchmark
  public double mathLog() {
    return Math.log(path.low[next()]);
  }

  @Benchmark
  public double strictMathExp() {
    // A bin centre's exponent, as PriceGrid.center computes it at the default 0.05 % width.
    return StrictMath.exp(path.low[next()] * 1e-4);
  }
}
