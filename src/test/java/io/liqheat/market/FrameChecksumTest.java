package io.liqheat.market;

import static io.liqheat.market.MarketFixtures.closes;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import io.liqheat.model.Step;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checksum of a frozen window covers every field, every bin and the previous checksum. */
class FrameChecksumTest {

  private static WindowFrozen event;

  @BeforeAll
  static void freezeARealWindow() {
    LiveMarket live = MarketFixtures.freshLive();
    live.ingest("test", -1, MarketFixtures.activeWindows(0, 1, closes(1)));
    List<WindowFrozen> events = MarketFixtures.freezeClosed(live, MarketFixtures.emptyState()).events();
    event = events.get(1);
    assertThat(event.steps()).hasSize(2);
    assertThat(event.frame().size()).isGreaterThan(10);
    assertThat(event.prevChecksum()).isNotEmpty();
  }

  @Test
  void isDeterministicAndMatchesTheStoredChecksum() throws Exception {
    assertThat(FrameChecksum.of(event)).isEqualTo(event.checksum()).matches("[0-9a-f]{64}");
    assertThat(FrameChecksum.of(copy(event))).isEqualTo(event.checksum());
  }

  @Test
  void isSha256OverTheDocumentedCanonicalEncoding() throws Exception {
    assertThat(FrameChecksum.of(event)).isEqualTo(reference(event));
    WindowFrozen empty = new WindowFrozen(MarketFixtures.MARKET, MarketFixtures.T0, "v1", List.of(), null,
        Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, 0.1, DensityFrame.empty(PriceGrid.relative(0.0005)), "", "");
    assertThat(FrameChecksum.of(empty)).isEqualTo(reference(empty));
  }

  static Stream<String> stepFields() {
    return Stream.of(Step.class.getRecordComponents()).map(RecordComponent::getName);
  }

  @ParameterizedTest(name = "step.{0}")
  @MethodSource("stepFields")
  void changesWithAnyFieldOfAnyStep(String field) throws Exception {
    for (int i = 0; i < event.steps().size(); i++) {
      List<Step> steps = new ArrayList<>(event.steps());
      steps.set(i, withField(steps.get(i), field));
      WindowFrozen changed = withField(event, "steps", steps);

      assertThat(FrameChecksum.of(changed)).as("step %d, %s", i, field).isNotEqualTo(event.checksum());
    }
  }

  static Stream<String> eventFields() {
    return Stream.of(WindowFrozen.class.getRecordComponents())
        .map(RecordComponent::getName)
        .filter(name -> !name.equals("checksum"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFields")
  void changesWithAnyFieldOfTheWindow(String field) throws Exception {
    WindowFrozen changed = withField(event, field, changedValue(field, component(event, field)));

    assertThat(FrameChecksum.of(changed)).isNotEqualTo(event.checksum());
  }

  @Test
  void changesWithAnyBinOfTheFrame() throws Exception {
    DensityFrame frame = event.frame();
    Set<String> checksums = new HashSet<>();
    checksums.add(event.checksum());
    for (int i = 0; i < frame.size(); i++) {
      int[] bins = frame.bins().clone();
      double[] longs = frame.longUsd().clone();
      double[] shorts = frame.shortUsd().clone();
      longs[i] = Math.nextUp(longs[i]);
      assertThat(checksums.add(recomputeWith(frame, bins, longs, frame.shortUsd()))).as("long bin %d", i).isTrue();
      shorts[i] = Math.nextUp(shorts[i]);
      assertThat(checksums.add(recomputeWith(frame, bins, frame.longUsd(), shorts))).as("short bin %d", i).isTrue();
    }
    // Moving the top bin up by one, or dropping it, changes the checksum too.
    int last = frame.size() - 1;
    int[] moved = frame.bins().clone();
    moved[last]++;
    assertThat(checksums.add(recomputeWith(frame, moved, frame.longUsd(), frame.shortUsd()))).isTrue();
    assertThat(checksums.add(recomputeWith(frame, Arrays.copyOf(frame.bins(), last),
        Arrays.copyOf(frame.longUsd(), last), Arrays.copyOf(frame.shortUsd(), last)))).isTrue();
  }

  @Test
  void changesWithTheOrderOfTheSteps() throws Exception {
    List<Step> reversed = new ArrayList<>(event.steps());
    Collections.reverse(reversed);

    assertThat(FrameChecksum.of(withField(event, "steps", reversed))).isNotEqualTo(event.checksum());
  }

  @Test
  void tellsAMissingCandleFromAnAllZeroOne() throws Exception {
    WindowFrozen none = withField(event, "candle", null);
    WindowFrozen zeros = withField(event, "candle", new Candle(0, 0, 0, 0, 0));

    assertThat(FrameChecksum.of(none)).isNotEqualTo(FrameChecksum.of(zeros));
  }

  @Test
  void everyNaNIsTheSameNaN() throws Exception {
    double otherNaN = Double.longBitsToDouble(0x7ff8_0000_0000_0abcL);
    assertThat(Double.isNaN(otherNaN)).isTrue();

    WindowFrozen a = withField(event, "oiCloseBase", Double.NaN);
    WindowFrozen b = withField(event, "oiCloseBase", otherNaN);

    assertThat(FrameChecksum.of(a)).isEqualTo(FrameChecksum.of(b));
  }

  // ---- helpers ----

  private static String recomputeWith(DensityFrame frame, int[] bins, double[] longs, double[] shorts)
      throws Exception {
    return FrameChecksum.of(withField(event, "frame",
        new DensityFrame(frame.gridKind(), frame.gridWidth(), bins, longs, shorts)));
  }

  private static Object changedValue(String field, Object value) {
    return switch (field) {
      case "market" -> MarketId.parse("bybit:BTCUSDT");
      case "steps" -> event.steps().subList(0, event.steps().size() - 1);
      case "candle" -> new Candle(event.candle().open(), event.candle().high(), event.candle().low(),
          Math.nextUp(event.candle().close()), event.candle().volume());
      case "frame" -> {
        double[] longs = event.frame().longUsd().clone();
        longs[0] = Math.nextUp(longs[0]);
        yield new DensityFrame(event.frame().gridKind(), event.frame().gridWidth(), event.frame().bins(), longs,
            event.frame().shortUsd());
      }
      default -> changed(value);
    };
  }

  /** The smallest change of a number; a string gets a character more. */
  private static Object changed(Object value) {
    if (value instanceof Long l) {
      return l + 1;
    }
    if (value instanceof Double d) {
      return Double.isNaN(d) ? 1.0 : Math.nextUp(d);
    }
    if (value instanceof String s) {
      return s + "0";
    }
    throw new IllegalArgumentException("no change defined for " + value);
  }

  private static Object component(Record record, String field) throws Exception {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(field)) {
        return c.getAccessor().invoke(record);
      }
    }
    throw new IllegalArgumentException(field);
  }

  private static Step withField(Step step, String field) throws Exception {
    return withField(step, field, changed(component(step, field)));
  }

  /** A copy of a record with one component replaced, through the canonical constructor. */
  @SuppressWarnings("unchecked")
  static <R extends Record> R withField(R record, String field, Object value) throws Exception {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    boolean found = false;
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      if (components[i].getName().equals(field)) {
        args[i] = value;
        found = true;
      } else {
        args[i] = components[i].getAccessor().invoke(record);
      }
    }
    assertThat(found).as("field %s", field).isTrue();
    Constructor<?> constructor = record.getClass().getDeclaredConstructor(types);
    return (R) constructor.newInstance(args);
  }

  private static WindowFrozen copy(WindowFrozen e) throws Exception {
    return withField(e, "steps", new ArrayList<>(e.steps()));
  }

  /**
   * An independent reading of the encoding FrameChecksum documents: big-endian fixed-width numbers,
   * doubles by {@link Double#doubleToLongBits}, strings as UTF-8 with an int length, the frame by
   * its own checksum, then the previous checksum. A change here breaks every stored hash chain.
   */
  private static String reference(WindowFrozen e) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    string(out, e.market().toString());
    out.writeLong(e.windowStartMs());
    string(out, e.modelVersion());
    out.writeInt(e.steps().size());
    for (Step s : e.steps()) {
      out.writeLong(s.timeMs());
      for (double d : new double[] {s.open(), s.high(), s.low(), s.close(), s.vwap(), s.markHigh(), s.markLow(),
          s.volume(), s.takerBuyVolume(), s.takerSellVolume(), s.longShortRatio(), s.oiBase(), s.oiUsd()}) {
        out.writeLong(Double.doubleToLongBits(d));
      }
    }
    if (e.candle() == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      Candle c = e.candle();
      for (double d : new double[] {c.open(), c.high(), c.low(), c.close(), c.volume()}) {
        out.writeLong(Double.doubleToLongBits(d));
      }
    }
    for (double d : new double[] {e.oiCloseBase(), e.oiCloseUsd(), e.coverage(), e.printedLongUsd(),
        e.printedShortUsd(), e.closePrice(), e.frameRange()}) {
      out.writeLong(Double.doubleToLongBits(d));
    }
    string(out, e.frame().checksum());
    string(out, e.prevChecksum());
    out.flush();
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
