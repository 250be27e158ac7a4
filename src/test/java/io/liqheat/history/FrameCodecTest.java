package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  @Test
  void aFrameRoundTripsBitForBit() {
    DensityFrame frame = FrozenWindows.frame(97_123.45);

    DensityFrame decoded = FrameCodec.decode(FrameCodec.encode(frame));

    assertThat(decoded).isEqualTo(frame);
    assertThat(decoded.checksum()).isEqualTo(frame.checksum());
  }

  @Test
  void oddValuesSurvive() {
    // Negative bins (prices below 1 on a relative grid), gaps, an absolute grid, zeros, the
    // smallest subnormal and a NaN: the layout carries raw bits and makes no assumption.
    DensityFrame frame =
        new DensityFrame(
            PriceGrid.Kind.ABSOLUTE,
            0.5,
            new int[] {Integer.MIN_VALUE, -3, 0, 7, Integer.MAX_VALUE},
            new double[] {0.0, Double.MIN_VALUE, 1e300, 3.25, Double.NaN},
            new double[] {-0.0, 2.0, 0.0, Double.MAX_VALUE, 1.0});

    DensityFrame decoded = FrameCodec.decode(FrameCodec.encode(frame));

    assertThat(decoded).isEqualTo(frame);
    assertThat(Double.doubleToRawLongBits(decoded.shortUsd()[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void anEmptyFrameIsJustItsHeader() {
    DensityFrame empty = DensityFrame.empty(PriceGrid.relative(0.001));

    byte[] blob = FrameCodec.encode(empty);

    assertThat(blob).hasSize(12);
    assertThat(FrameCodec.decode(blob)).isEqualTo(empty);
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    // Bins 10, 11, 12 and 20: two runs. Longs on 10 and 11, shorts on 12 and 20; 11's short is -0.0.
    DensityFrame frame = new DensityFrame(PriceGrid.Kind.RELATIVE, 0.0005, new int[] {10, 11, 12, 20},
        new double[] {1.5, 3, 0, 0}, new double[] {0, -0.0, 2.5, 7});

    ByteBuffer blob = ByteBuffer.wrap(FrameCodec.encode(frame));

    assertThat(blob.get()).as("version").isEqualTo((byte) 2);
    assertThat(blob.get()).as("grid kind").isEqualTo((byte) 0);
    assertThat(blob.getDouble()).isEqualTo(0.0005);
    assertThat(blob.get()).as("bins").isEqualTo((byte) 4);
    assertThat(blob.get()).as("runs").isEqualTo((byte) 2);
    assertThat(new byte[] {blob.get(), blob.get()}).as("first run: from 10 (zig-zag 20), 3 bins").containsExactly(20, 2);
    assertThat(new byte[] {blob.get(), blob.get()}).as("second run: 8 after 12 (zig-zag 16), 1 bin").containsExactly(16, 0);
    assertThat(blob.get()).as("long bitmap").isEqualTo((byte) 0b0011);
    assertThat(new double[] {blob.getDouble(), blob.getDouble()}).containsExactly(1.5, 3);
    assertThat(blob.get()).as("short bitmap").isEqualTo((byte) 0b1110);
    assertThat(Double.doubleToRawLongBits(blob.getDouble())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(new double[] {blob.getDouble(), blob.getDouble()}).containsExactly(2.5, 7);
    assertThat(blob.hasRemaining()).isFalse();
    assertThat(FrameCodec.encodedSize(frame)).isEqualTo(blob.capacity());
  }

  @Test
  void aRealisticFrameTakesAboutHalfOfTwentyBytesABin() {
    DensityFrame frame = FrozenWindows.frame(97_123.45);

    byte[] blob = FrameCodec.encode(frame);

    // One run, and each bin has a value on one side only: 8 bytes of it and two bitmap bits.
    assertThat(blob.length).isEqualTo(FrameCodec.encodedSize(frame)).isLessThan(frame.size() * 9 + 40);
  }

  @Test
  void decodingReadsOnlyTheBufferItIsGiven() {
    DensityFrame frame = FrozenWindows.frame(100);
    byte[] blob = FrameCodec.encode(frame);
    ByteBuffer buffer = ByteBuffer.wrap(blob);

    FrameCodec.decode(buffer);

    assertThat(buffer.position()).as("the caller's buffer is not consumed").isZero();
  }

  @Test
  void aBlobOfTheFormerLayoutStillReads() {
    // Version 1, as rows written before the upgrade hold it: the bin count, every bin as an int,
    // then both columns whole.
    ByteBuffer v1 = ByteBuffer.allocate(1 + 1 + 8 + 4 + 2 * 20);
    v1.put((byte) 1).put((byte) 0).putDouble(0.0005).putInt(2).putInt(10).putInt(11)
        .putDouble(1.5).putDouble(0).putDouble(0).putDouble(2.5);

    DensityFrame decoded = FrameCodec.decode(v1.array());

    assertThat(decoded).isEqualTo(new DensityFrame(PriceGrid.Kind.RELATIVE, 0.0005, new int[] {10, 11},
        new double[] {1.5, 0}, new double[] {0, 2.5}));
    assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOf(v1.array(), v1.capacity() - 8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 1");
  }

  @Test
  void aBlobOfAnUnknownLayoutIsRefusedWithTheWayOut() {
    byte[] future = FrameCodec.encode(FrozenWindows.frame(100));
    future[0] = 3;

    assertThatThrownBy(() -> FrameCodec.decode(future))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 3")
        .hasMessageContaining("rebuild the read side");
  }

  @Test
  void aTruncatedOrPaddedBlobIsRefused() {
    byte[] blob = FrameCodec.encode(FrozenWindows.frame(100));

    assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOf(blob, blob.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOf(blob, blob.length + 8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameCodec.decode(new byte[] {2, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cut short");
    byte[] overlapping = FrameCodec.encode(new DensityFrame(PriceGrid.Kind.ABSOLUTE, 1, new int[] {1, 5}, new double[] {1, 1},
        new double[] {0, 0}));
    overlapping[14] = 0; // the second run starts on the first one's last bin
    assertThatThrownBy(() -> FrameCodec.decode(overlapping)).hasMessageContaining("does not fit");
    byte[] badKind = blob.clone();
    badKind[1] = 9;
    assertThatThrownBy(() -> FrameCodec.decode(badKind)).hasMessageContaining("grid kind 9");
  }
}
