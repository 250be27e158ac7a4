package io.liqheat.bench;

import com.typesafe.config.ConfigFactory;
import io.liqheat.history.FrameCodec;
import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.BarInputs;
import io.liqheat.market.ClosedWindow;
import io.liqheat.market.FrameChecksum;
import io.liqheat.market.InputBatch;
import io.liqheat.market.LiveMarket;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSettings;
import io.liqheat.market.MarketSnapshot;
import io.liqheat.market.MarketState;
import io.liqheat.market.WindowFreezer;
import io.liqheat.market.WindowFrozen;
import io.liqheat.market.Windows;
import io.liqheat.model.Calibration;
import io.liqheat.sim.SampleMarket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client's CPU per frozen window in {@code liqheat rebuild} and {@code verify} (issue 6), without
 * Cassandra: each piece of work the commands do per window, on the windows of the rebuild benchmark's
 * first market (`liqheat sample --bars 6000 --bar-minutes 5 --seed 1`, frozen exactly as the entity
 * freezes them, ~400-bin frames). Every benchmark handles one chunk of {@link #CHUNK} windows from
 * the middle of that history, so the score is per window.
 *
 * <ul>
 *   <li>{@link #decodeEvent}: the stored event bytes (LZ4-compressed Jackson CBOR) back to a
 *       {@link WindowFrozen}, through Pekko's serialization as the journal query does;
 *   <li>{@link #rowBlob}: the read-side row and its frame blob ({@link FrameCodec});
 *   <li>{@link #readBlob}: a stored frame blob back to its frame, as verify and history reads do;
 *   <li>{@link #eventChecksum}: {@link FrameChecksum#of}, which verify runs over every event and
 *       every refrozen window (it hashes the frame's checksum, so the frame is hashed as well);
 *   <li>{@link #refreeze}: the window frozen again from its steps, as verify and {@code --model-version}
 *       do: model steps, frame, both checksums, the state advanced.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ReplayCostBenchmark {

  static final int CHUNK = 500;
  static final int BARS = 6000;
  static final MarketId MARKET = MarketId.parse("binance:BENCH1USDT");

  @State(Scope.Benchmark)
  public static class Journal {
    ActorSystem system;
    Serialization serialization;
    Calibration calibration;
    double frameRange;
    /** The chunk of windows measured, and the market's state just before it. */
    List<WindowFrozen> chunk;
    List<ClosedWindow> closed;
    MarketSnapshot before;
    byte[][] stored;
    byte[][] blobs;
    int serializerId;
    String manifest;

    @Setup(Level.Trial)
    public void setUp() {
      system = ActorSystem.create("bench", ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
          .withFallback(ConfigFactory.load()));
      serialization = SerializationExtension.get(system);
      calibration = BenchCalibrations.defaults();
      MarketSettings settings = MarketSettings.fromConfig(ConfigFactory.load());
      frameRange = settings.frameRange();
      List<InputBatch> batches = new ArrayList<>(BarInputs.batches(SampleMarket.generate(1, BARS, 5).bars(), Windows.WINDOW_MS, 500));
      LiveMarket live = new LiveMarket(MARKET, calibration, settings);
      MarketState state = MarketState.empty(MARKET, calibration.modelVersion());
      live.recovered(state);
      List<WindowFrozen> all = new ArrayList<>();
      long sequence = 0;
      int start = BARS / 2;
      for (InputBatch batch : batches) {
        live.ingest("bench", sequence++, batch);
        List<ClosedWindow> windows;
        while (!(windows = live.closedWindows(CHUNK)).isEmpty()) {
          for (ClosedWindow window : windows) {
            List<WindowFrozen> one = WindowFreezer.freeze(state, List.of(window), calibration, frameRange);
            if (all.size() == start) {
              before = state.toSnapshot();
            }
            state.apply(one.get(0), calibration);
            live.frozen(one);
            all.addAll(one);
          }
        }
      }
      chunk = all.subList(start, start + CHUNK);
      closed = chunk.stream().map(e -> new ClosedWindow(e.windowStartMs(), e.steps(), e.candle(), e.oiCloseBase(),
          e.oiCloseUsd(), e.coverage(), e.printedLongUsd(), e.printedShortUsd(), e.closePrice())).toList();
      Serializer serializer = serialization.findSerializerFor(chunk.get(0));
      serializerId = serializer.identifier();
      manifest = Serializers.manifestFor(serializer, chunk.get(0));
      stored = new byte[CHUNK][];
      blobs = new byte[CHUNK][];
      long bytes = 0;
      long bins = 0;
      long blobBytes = 0;
      for (int i = 0; i < CHUNK; i++) {
        stored[i] = serialization.serialize(chunk.get(i)).get();
        bytes += stored[i].length;
        blobs[i] = FrameCodec.encode(chunk.get(i).frame());
        blobBytes += blobs[i].length;
        bins += chunk.get(i).frame().size();
      }
      System.out.printf(Locale.ROOT,
          "%n[setup] %d windows, chunk from %d: %.0f bins, %.0f bytes of stored event and %.0f of frame blob per window%n",
          all.size(), start, (double) bins / CHUNK, (double) bytes / CHUNK, (double) blobBytes / CHUNK);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      system.terminate();
    }
  }

  @Benchmark
  @OperationsPerInvocation(CHUNK)
  public void decodeEvent(Journal journal, Blackhole hole) {
    for (byte[] bytes : journal.stored) {
      hole.consume(journal.serialization.deserialize(bytes, journal.serializerId, journal.manifest).get());
    }
  }

  @Benchmark
  @OperationsPerInvocation(CHUNK)
  public void rowBlob(Journal journal, Blackhole hole) {
    long sequenceNr = 1;
    for (WindowFrozen event : journal.chunk) {
      FrozenFrameRow row = FrozenFrameRow.of(event, sequenceNr++);
      hole.consume(FrameCodec.encode(row.frame()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(CHUNK)
  public void readBlob(Journal journal, Blackhole hole) {
    for (byte[] blob : journal.blobs) {
      hole.consume(FrameCodec.decode(blob));
    }
  }

  @Benchmark
  @OperationsPerInvocation(CHUNK)
  public void eventChecksum(Journal journal, Blackhole hole) {
    for (WindowFrozen event : journal.chunk) {
      hole.consume(FrameChecksum.of(event));
    }
  }

  @Benchmark
  @OperationsPerInvocation(CHUNK)
  public void refreeze(Journal journal, Blackhole hole) {
    MarketState state = MarketState.of(journal.before);
    for (WindowFrozen event : WindowFreezer.freeze(state, journal.closed, journal.calibration, journal.frameRange)) {
      state.apply(event, journal.calibration);
      hole.consume(event);
    }
  }
}
