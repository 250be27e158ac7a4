package io.liqheat.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DensityFrameTest {

  private static DensityFrame frame(PriceGrid grid, int[] bins, double[] longs, double[] shorts) {
    return new DensityFrame(grid.kind(), grid.width(), bins, longs, shorts);
  }

  @Test
  void framesOfOneAssetSumBinByBin() {
    PriceGrid grid = PriceGrid.absolute(10);
    DensityFrame binance = frame(grid, new int[] {1, 2, 5}, new double[] {10, 20, 0}, new double[] {0, 1, 50});
    DensityFrame bybit = frame(grid, new int[] {2, 3}, new double[] {5, 7}, new double[] {2, 0});

    DensityFrame sum = DensityFrame.sum(List.of(binance, bybit));

    assertThat(sum.bins()).containsExactly(1, 2, 3, 5);
    assertThat(sum.longUsd()).containsExactly(10, 25, 7, 0);
    assertThat(sum.shortUsd()).containsExactly(0, 3, 0, 50);
    assertThat(sum.totalUsd(Side.LONG)).isEqualTo(binance.totalUsd(Side.LONG) + bybit.totalUsd(Side.LONG));
  }

  @Test
  void framesOnDifferentGridsAreNotSummed() {
    DensityFrame a = DensityFrame.empty(PriceGrid.absolute(10));
    DensityFrame b = DensityFrame.empty(PriceGrid.absolute(5));
    assertThatThrownBy(() -> DensityFrame.sum(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different grids");
  }

  @Test
  void coarseningKeepsEveryDollar() {
    PriceGrid grid = PriceGrid.absolute(10);
    DensityFrame fine = frame(grid, new int[] {-1, 0, 3, 4, 8}, new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1});

    DensityFrame coarse = fine.coarsened(4);

    assertThat(coarse.grid()).isEqualTo(PriceGrid.absolute(40));
    assertThat(coarse.bins()).containsExactly(-1, 0, 1, 2);
    // floorDiv(bin, 4): -1 → -1; 0 and 3 → 0; 4 → 1; 8 → 2.
    assertThat(coarse.longUsd()).containsExactly(1, 5, 4, 5);
    assertThat(coarse.shortUsd()).containsExactly(5, 7, 2, 1);
  }

  @Test
  void theChecksumIsSha256OverTheDocumentedCanonicalEncoding() throws Exception {
    DensityFrame frame = frame(PriceGrid.relative(0.0005), new int[] {7, 9}, new double[] {1.5, 0}, new double[] {0, 2.25});

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    byte[] kind = "RELATIVE".getBytes(StandardCharsets.UTF_8);
    out.writeInt(kind.length);
    out.write(kind);
    out.writeLong(Double.doubleToLongBits(0.0005));
    out.writeInt(2);
    out.writeInt(7);
    out.writeInt(9);
    out.writeInt(2);
    out.writeLong(Double.doubleToLongBits(1.5));
    out.writeLong(Double.doubleToLongBits(0));
    out.writeInt(2);
    out.writeLong(Double.doubleToLongBits(0));
    out.writeLong(Double.doubleToLongBits(2.25));
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));

    assertThat(frame.checksum()).isEqualTo(expected);
  }

  @Test
  void equalFramesHaveEqualChecksumsAndOneChangedBitChangesIt() {
    PriceGrid grid = PriceGrid.absolute(1);
    DensityFrame a = frame(grid, new int[] {1}, new double[] {1.0}, new double[] {0});
    DensityFrame b = frame(grid, new int[] {1}, new double[] {1.0}, new double[] {0});
    DensityFrame c = frame(grid, new int[] {1}, new double[] {Math.nextUp(1.0)}, new double[] {0});
    assertThat(a).isEqualTo(b);
    assertThat(a.checksum()).isEqualTo(b.checksum()).isNotEqualTo(c.checksum());
  }

  @Test
  void binsMustAscend() {
    assertThatThrownBy(() -> frame(PriceGrid.absolute(1), new int[] {2, 1}, new double[2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
