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

    assertThat(blob).hasSize(14);
    assertThat(FrameCodec.decode(blob)).isEqualTo(empty);
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    DensityFrame frame =
        new DensityFrame(PriceGrid.Kind.RELATIVE, 0.0005, new int[] {10, 11}, new double[] {1.5, 0}, new double[] {0, 2.5});

    ByteBuffer blob = ByteBuffer.wrap(FrameCodec.encode(frame));

    assertThat(blob.get()).isEqualTo((byte) 1);
    assertThat(blob.get()).isEqualTo((byte) 0);
    assertThat(blob.getDouble()).isEqualTo(0.0005);
    assertThat(blob.getInt()).isEqualTo(2);
    assertThat(new int[] {blob.getInt(), blob.getInt()}).containsExactly(10, 11);
    assertThat(new double[] {blob.getDouble(), blob.getDouble()}).containsExactly(1.5, 0);
    assertThat(new double[] {blob.getDouble(), blob.getDouble()}).containsExactly(0, 2.5);
    assertThat(blob.hasRemaining()).isFalse();
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
  void anotherVersionIsRefusedWithTheWayOut() {
    byte[] blob = FrameCodec.encode(FrozenWindows.frame(100));
    blob[0] = 2;

    assertThatThrownBy(() -> FrameCodec.decode(blob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 2")
        .hasMessageContaining("rebuild the read side");
  }

  @Test
  void aTruncatedOrPaddedBlobIsRefused() {
    byte[] blob = FrameCodec.encode(FrozenWindows.frame(100));

    assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOf(blob, blob.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameCodec.decode(Arrays.copyOf(blob, blob.length + 8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameCodec.decode(new byte[] {1, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cut short");
    byte[] badKind = blob.clone();
    badKind[1] = 9;
    assertThatThrownBy(() -> FrameCodec.decode(badKind)).hasMessageContaining("grid kind 9");
  }
}
