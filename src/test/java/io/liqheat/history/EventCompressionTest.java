package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowFrozen;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frozen windows are stored LZ4-compressed (application.conf), and the journal may still hold
 * windows written before that: both must read back to the same content under the shipped settings.
 */
class EventCompressionTest {

  private static final MarketId MARKET = MarketId.parse("binance:BTCUSDT");

  private static ActorTestKit shipped;
  private static ActorTestKit uncompressed;

  @BeforeAll
  static void start() {
    shipped = ActorTestKit.create("EventCompressionTest",
        ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0").withFallback(ConfigFactory.load()));
    uncompressed = ActorTestKit.create("EventCompressionTestUncompressed",
        ConfigFactory.parseString(
                "pekko.remote.artery.canonical.port = 0\n"
                    + "pekko.serialization.jackson.jackson-cbor.compression.algorithm = off")
            .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() {
    shipped.shutdownTestKit();
    uncompressed.shutdownTestKit();
  }

  @Test
  void aFrozenWindowIsStoredCompressedAndReadsBackWhole() throws Exception {
    WindowFrozen window = FrozenWindows.chain(MARKET, "v1", 1_767_225_600_000L, 1, 65_000, "").get(0);
    Serialization serialization = SerializationExtension.get(shipped.system());

    byte[] stored = serialization.serialize(window).get();

    assertThat(JacksonSerializer.isLZ4(stored)).as("stored LZ4-compressed").isTrue();
    assertSameContent(readBack(serialization, window, stored), window);
  }

  @Test
  void aWindowWrittenUncompressedStillReads() throws Exception {
    WindowFrozen window = FrozenWindows.chain(MARKET, "v1", 1_767_225_600_000L, 3, 65_000, "").get(2);
    Serialization before = SerializationExtension.get(uncompressed.system());
    byte[] old = before.serialize(window).get();
    assertThat(JacksonSerializer.isLZ4(old)).as("the old form is plain CBOR").isFalse();

    Serialization serialization = SerializationExtension.get(shipped.system());
    assertSameContent(readBack(serialization, window, old), window);
  }

  private static WindowFrozen readBack(Serialization serialization, WindowFrozen window, byte[] bytes) {
    var serializer = serialization.findSerializerFor(window);
    String manifest = Serializers.manifestFor(serializer, window);
    return (WindowFrozen) serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  /** Records compare arrays by reference, so the frame's arrays are compared element by element. */
  private static void assertSameContent(WindowFrozen actual, WindowFrozen expected) {
    assertThat(actual.checksum()).isEqualTo(expected.checksum());
    assertThat(actual.prevChecksum()).isEqualTo(expected.prevChecksum());
    assertThat(actual.steps()).isEqualTo(expected.steps());
    assertThat(actual.candle()).isEqualTo(expected.candle());
    assertThat(actual.frame().bins()).containsExactly(expected.frame().bins());
    assertThat(actual.frame().longUsd()).containsExactly(expected.frame().longUsd());
    assertThat(actual.frame().shortUsd()).containsExactly(expected.frame().shortUsd());
    assertThat(List.of(actual.windowStartMs(), actual.coverage(), actual.oiCloseUsd(), actual.closePrice()))
        .isEqualTo(List.of(expected.windowStartMs(), expected.coverage(), expected.oiCloseUsd(), expected.closePrice()));
  }
}
