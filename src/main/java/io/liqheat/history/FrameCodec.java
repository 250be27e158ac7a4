package io.liqheat.history;

import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The {@code frame} blob of {@code frames_by_market_day}: a {@link DensityFrame} in a fixed,
 * versioned binary layout, big-endian:
 *
 * <pre>
 *   byte     format version (1)
 *   byte     grid kind: 0 relative, 1 absolute
 *   double   grid width
 *   int      n, the number of bins
 *   int[n]   bin indices, ascending
 *   double[n] long USD per bin
 *   double[n] short USD per bin
 * </pre>
 *
 * <p>Why not Jackson CBOR of the record: this layout is fixed in one place, independent of record
 * component names and of Jackson's settings; it keeps every double bit for bit (the frame's
 * checksum can be recomputed from the row); it decodes without reflection when a history query
 * reads thousands of frames. It is 20 bytes a bin, about what CBOR would take; Cassandra's default
 * LZ4 table compression then squeezes the mostly consecutive bin indices. A new layout gets a new
 * version byte, and since the table is rebuilt from the journal, old blobs need not live forever.
 */
public final class FrameCodec {

  static final byte VERSION = 1;
  private static final int HEADER_BYTES = 1 + 1 + 8 + 4;
  private static final int BYTES_PER_BIN = 4 + 8 + 8;

  private FrameCodec() {}

  public static byte[] encode(DensityFrame frame) {
    int n = frame.size();
    ByteBuffer buffer = ByteBuffer.allocate(encodedSize(frame));
    buffer.put(VERSION);
    buffer.put(kindCode(frame.gridKind()));
    buffer.putDouble(frame.gridWidth());
    buffer.putInt(n);
    for (int bin : frame.bins()) {
      buffer.putInt(bin);
    }
    for (double usd : frame.longUsd()) {
      buffer.putDouble(usd);
    }
    for (double usd : frame.shortUsd()) {
      buffer.putDouble(usd);
    }
    return buffer.array();
  }

  /** The length of {@link #encode}'s blob. */
  static int encodedSize(DensityFrame frame) {
    return HEADER_BYTES + frame.size() * BYTES_PER_BIN;
  }

  /**
   * @throws IllegalArgumentException for a blob of another version, or one cut short or too long
   */
  public static DensityFrame decode(ByteBuffer blob) {
    ByteBuffer buffer = blob.duplicate();
    try {
      byte version = buffer.get();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "frame blob has format version " + version + ", this build reads " + VERSION
                + "; rebuild the read side from the journal");
      }
      PriceGrid.Kind kind = kindOf(buffer.get());
      double width = buffer.getDouble();
      int n = buffer.getInt();
      if (n < 0 || buffer.remaining() != (long) n * BYTES_PER_BIN) {
        throw new IllegalArgumentException(
            "frame blob announces " + n + " bins but holds " + buffer.remaining() + " bytes of them");
      }
      int[] bins = new int[n];
      double[] longUsd = new double[n];
      double[] shortUsd = new double[n];
      for (int i = 0; i < n; i++) {
        bins[i] = buffer.getInt();
      }
      for (int i = 0; i < n; i++) {
        longUsd[i] = buffer.getDouble();
      }
      for (int i = 0; i < n; i++) {
        shortUsd[i] = buffer.getDouble();
      }
      return new DensityFrame(kind, width, bins, longUsd, shortUsd);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("frame blob is cut short (" + blob.remaining() + " bytes)", e);
    }
  }

  public static DensityFrame decode(byte[] blob) {
    return decode(ByteBuffer.wrap(blob));
  }

  private static byte kindCode(PriceGrid.Kind kind) {
    return switch (kind) {
      case RELATIVE -> 0;
      case ABSOLUTE -> 1;
    };
  }

  private static PriceGrid.Kind kindOf(byte code) {
    return switch (code) {
      case 0 -> PriceGrid.Kind.RELATIVE;
      case 1 -> PriceGrid.Kind.ABSOLUTE;
      default -> throw new IllegalArgumentException("frame blob has unknown grid kind " + code);
    };
  }
}
