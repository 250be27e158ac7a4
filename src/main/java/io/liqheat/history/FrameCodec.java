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
 *   byte      format version (2)
 *   byte      grid kind: 0 relative, 1 absolute
 *   double    grid width
 *   varint    n, the number of bins
 *   varint    r, the number of runs of consecutive bins
 *   r times:  zig-zag varint  the run's first bin minus the previous run's last bin (minus 0 for the first run)
 *             varint          the run's length minus 1
 *   long USD: ceil(n/8) bytes, bit i (least significant first) set when bin i's value is not +0.0,
 *             then those values, each as the 8 bytes of its raw bits
 *   short USD: the same
 * </pre>
 *
 * <p>Varints are unsigned LEB128 (7 bits a byte, low groups first); a zig-zag varint maps signed to
 * unsigned ({@code 0, -1, 1, -2 …} to {@code 0, 1, 2, 3 …}), since bins may be negative.
 *
 * <p>Why not Jackson CBOR of the record: this layout is fixed in one place, independent of record
 * component names and of Jackson's settings; it keeps every double bit for bit (the frame's
 * checksum can be recomputed from the row); it decodes without reflection when a history query
 * reads thousands of frames.
 *
 * <p>Why this layout rather than version 1's (every bin index as an int, then every double of both
 * columns, 20 bytes a bin): a frame is nearly all one run of consecutive bins, and below the price
 * a bin holds longs only and above it shorts only, so half of the doubles are zero. Leaving those
 * out and writing the bins as runs halves the blob (a ~350-bin frame of the rebuild benchmark: 7.4
 * to ~3 kB), and Cassandra's CPU per row written goes down with the bytes (measured on the embedded
 * node, unlogged batches of one partition's rows: loadtest/results/rebuild-2026-12-05-ceilings.txt).
 * Nothing is rounded: every value kept is its raw bits, and an omitted one is exactly +0.0 (a
 * -0.0 is kept, its bits are not zero).
 *
 * <p>A new layout gets a new version byte. Blobs of version 1 ({@code n} as an int, every bin as an
 * int, then both columns whole) are still read, so that history keeps answering after an upgrade
 * and {@code liqheat verify} compares them by value; {@code liqheat rebuild read-side} rewrites them
 * in the new layout when convenient. A blob of any other version is refused with that way out.
 */
public final class FrameCodec {

  static final byte VERSION = 2;
  private static final byte VERSION_1 = 1;
  private static final int HEADER_BYTES = 1 + 1 + 8;
  private static final int VERSION_1_BYTES_PER_BIN = 4 + 8 + 8;

  private FrameCodec() {}

  public static byte[] encode(DensityFrame frame) {
    ByteBuffer buffer = ByteBuffer.allocate(encodedSize(frame));
    buffer.put(VERSION);
    buffer.put(kindCode(frame.gridKind()));
    buffer.putDouble(frame.gridWidth());
    int[] bins = frame.bins();
    putVarint(buffer, bins.length);
    putVarint(buffer, runs(bins));
    long previousEnd = 0;
    for (int from = 0; from < bins.length; ) {
      int to = runEnd(bins, from);
      putVarint(buffer, zigZag(bins[from] - previousEnd));
      putVarint(buffer, to - from - 1);
      previousEnd = bins[to - 1];
      from = to;
    }
    putColumn(buffer, frame.longUsd());
    putColumn(buffer, frame.shortUsd());
    return buffer.array();
  }

  /** The length of {@link #encode}'s blob, exactly, without encoding. */
  static int encodedSize(DensityFrame frame) {
    int[] bins = frame.bins();
    int size = HEADER_BYTES + varintSize(bins.length) + varintSize(runs(bins));
    long previousEnd = 0;
    for (int from = 0; from < bins.length; ) {
      int to = runEnd(bins, from);
      size += varintSize(zigZag(bins[from] - previousEnd)) + varintSize(to - from - 1);
      previousEnd = bins[to - 1];
      from = to;
    }
    return size + columnSize(frame.longUsd()) + columnSize(frame.shortUsd());
  }

  /**
   * @throws IllegalArgumentException for a blob of another version, or one cut short, too long or
   *     inconsistent
   */
  public static DensityFrame decode(ByteBuffer blob) {
    ByteBuffer buffer = blob.duplicate();
    try {
      byte version = buffer.get();
      if (version == VERSION_1) {
        return decodeVersion1(buffer);
      }
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "frame blob has format version " + version + ", this build reads " + VERSION_1 + " and " + VERSION
                + "; rebuild the read side from the journal (liqheat rebuild read-side)");
      }
      PriceGrid.Kind kind = kindOf(buffer.get());
      double width = buffer.getDouble();
      long n = getVarint(buffer);
      long runs = getVarint(buffer);
      // Each bin costs at least one bit of each column's bitmap: a bigger count is a broken blob.
      if (n > 4L * buffer.remaining() || runs > n || (runs == 0) != (n == 0)) {
        throw new IllegalArgumentException("frame blob announces " + n + " bins in " + runs + " runs in "
            + blob.remaining() + " bytes");
      }
      int[] bins = new int[(int) n];
      int at = 0;
      long previousEnd = 0;
      for (long run = 0; run < runs; run++) {
        long start = previousEnd + unZigZag(getVarint(buffer));
        long length = getVarint(buffer) + 1;
        long end = start + length - 1;
        if (length < 1 || length > n - at || start < Integer.MIN_VALUE || end > Integer.MAX_VALUE || (run > 0 && start <= previousEnd)) {
          throw new IllegalArgumentException("frame blob has a run of " + length + " bins from " + start
              + " that does not fit its " + n + " bins");
        }
        for (long bin = start; bin <= end; bin++) {
          bins[at++] = (int) bin;
        }
        previousEnd = end;
      }
      if (at != n) {
        throw new IllegalArgumentException("frame blob announces " + n + " bins but its runs hold " + at);
      }
      double[] longUsd = getColumn(buffer, bins.length);
      double[] shortUsd = getColumn(buffer, bins.length);
      if (buffer.hasRemaining()) {
        throw new IllegalArgumentException("frame blob has " + buffer.remaining() + " bytes after its frame");
      }
      return new DensityFrame(kind, width, bins, longUsd, shortUsd);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("frame blob is cut short (" + blob.remaining() + " bytes)", e);
    }
  }

  public static DensityFrame decode(byte[] blob) {
    return decode(ByteBuffer.wrap(blob));
  }

  /** The rest of a version 1 blob, after its version byte. */
  private static DensityFrame decodeVersion1(ByteBuffer buffer) {
    PriceGrid.Kind kind = kindOf(buffer.get());
    double width = buffer.getDouble();
    int n = buffer.getInt();
    if (n < 0 || buffer.remaining() != (long) n * VERSION_1_BYTES_PER_BIN) {
      throw new IllegalArgumentException(
          "frame blob (version 1) announces " + n + " bins but holds " + buffer.remaining() + " bytes of them");
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
  }

  private static int runs(int[] bins) {
    int runs = 0;
    for (int from = 0; from < bins.length; from = runEnd(bins, from)) {
      runs++;
    }
    return runs;
  }

  /** The index after the run of consecutive bins that starts at {@code from}. */
  private static int runEnd(int[] bins, int from) {
    int to = from + 1;
    while (to < bins.length && bins[to] == bins[to - 1] + 1) {
      to++;
    }
    return to;
  }

  private static void putColumn(ByteBuffer buffer, double[] values) {
    for (int i = 0; i < values.length; i += 8) {
      int bits = 0;
      for (int j = i; j < Math.min(values.length, i + 8); j++) {
        if (kept(values[j])) {
          bits |= 1 << (j - i);
        }
      }
      buffer.put((byte) bits);
    }
    for (double value : values) {
      if (kept(value)) {
        buffer.putLong(Double.doubleToRawLongBits(value));
      }
    }
  }

  private static int columnSize(double[] values) {
    int size = (values.length + 7) / 8;
    for (double value : values) {
      if (kept(value)) {
        size += 8;
      }
    }
    return size;
  }

  private static double[] getColumn(ByteBuffer buffer, int n) {
    byte[] bitmap = new byte[(n + 7) / 8];
    buffer.get(bitmap);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      if ((bitmap[i >>> 3] & (1 << (i & 7))) != 0) {
        values[i] = Double.longBitsToDouble(buffer.getLong());
      }
    }
    return values;
  }

  /** Only +0.0 is left out: its raw bits are all zero, and a missing value reads back as exactly that. */
  private static boolean kept(double value) {
    return Double.doubleToRawLongBits(value) != 0;
  }

  private static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  private static void putVarint(ByteBuffer buffer, long value) {
    while ((value & ~0x7FL) != 0) {
      buffer.put((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    buffer.put((byte) value);
  }

  private static int varintSize(long value) {
    int size = 1;
    while ((value & ~0x7FL) != 0) {
      size++;
      value >>>= 7;
    }
    return size;
  }

  private static long getVarint(ByteBuffer buffer) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buffer.get();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("frame blob has a number longer than 10 bytes");
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
