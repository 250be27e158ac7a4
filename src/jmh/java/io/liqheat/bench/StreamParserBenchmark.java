package io.liqheat.bench;

import io.liqheat.cli.JsonTokenWalk;
import io.liqheat.cli.LoadParsers;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.sim.LoadFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One stream message through each exchange's connector parser, next to a bare Jackson walk over the
 * same message's tokens: the two parse references of the ingest benchmark ({@code loadtest-ingest}),
 * on the frames it serves (30 markets, {@link LoadFrames}), without the rest of the pipeline. Per
 * operation: one message, the frames taken in turn, as the load test's parse loop does.
 *
 * <p>Tried here and dropped (loadtest/results/ingest-2026-12-05-parse.txt): a JsonFactory without
 * charset detection and one with a one-slot buffer-recycler pool instead of the ThreadLocal one moved
 * the token walk by less than the error (352 and 367 ns against 354 ns).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class StreamParserBenchmark {

  @State(Scope.Thread)
  public static class Frames {
    @Param({"binance", "okx", "bybit"})
    public String exchange;

    byte[][] messages;
    MessageParser parser;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      Exchange venue = Exchange.fromId(exchange);
      List<MarketId> markets = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        String base = String.format(Locale.ROOT, "LOAD%02d", i);
        markets.add(new MarketId(venue, venue == Exchange.OKX ? base + "-USDT-SWAP" : base + "USDT"));
      }
      messages = LoadFrames.render(venue, markets, 2_000, 20, 1_800_000_000_000L, 7).stream()
          .map(frame -> frame.text().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
      parser = LoadParsers.streamParser(venue, markets);
    }

    byte[] next() {
      byte[] message = messages[next];
      next = next + 1 == messages.length ? 0 : next + 1;
      return message;
    }
  }

  /** Counts what a message gave, so nothing is optimized away. */
  static final class Counting implements ParseSink {
    final Blackhole hole;

    Counting(Blackhole hole) {
      this.hole = hole;
    }

    @Override
    public void input(MarketInput input) {
      hole.consume(input);
    }

    @Override
    public void malformed(MarketId market, String reason) {
      throw new IllegalStateException(market + " " + reason);
    }
  }

  @State(Scope.Thread)
  public static class Sink {
    Counting counting;

    @Setup(Level.Trial)
    public void setUp(Blackhole hole) {
      counting = new Counting(hole);
    }
  }

  @Benchmark
  public void connectorParser(Frames frames, Sink sink) {
    byte[] message = frames.next();
    frames.parser.parse(message, 0, message.length, sink.counting);
  }

  @Benchmark
  public int tokenWalk(Frames frames) throws IOException {
    byte[] message = frames.next();
    return JsonTokenWalk.tokens(message, 0, message.length);
  }
}
