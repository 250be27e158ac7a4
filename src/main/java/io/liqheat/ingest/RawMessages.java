package io.liqheat.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One or more raw exchange messages (JSON, UTF-8 bytes), each a slice of a byte array that is never
 * written again: the messages of one WebSocket read, or one REST body. They travel as one stream
 * element because a stream element costs far more than parsing a small message: the WebSocket client
 * emits everything one TCP read completed, often hundreds of messages, as one.
 */
public final class RawMessages {

  private final byte[][] arrays;
  private final int[] offsets;
  private final int[] lengths;
  private final int size;

  private RawMessages(byte[][] arrays, int[] offsets, int[] lengths, int size) {
    this.arrays = arrays;
    this.offsets = offsets;
    this.lengths = lengths;
    this.size = size;
  }

  /** One message given as text (a REST body, a test's fixture). */
  public static RawMessages of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new RawMessages(new byte[][] {bytes}, new int[] {0}, new int[] {bytes.length}, 1);
  }

  public int size() {
    return size;
  }

  public byte[] array(int index) {
    return arrays[index];
  }

  public int offset(int index) {
    return offsets[index];
  }

  public int length(int index) {
    return lengths[index];
  }

  /** Message {@code index} decoded, for logs and tests; the ingest path reads the bytes. */
  public String text(int index) {
    return new String(arrays[index], offsets[index], lengths[index], StandardCharsets.UTF_8);
  }

  /** Every message through {@code parser}, in order. */
  public void parseEach(MessageParser parser, ParseSink sink) {
    for (int i = 0; i < size; i++) {
      parser.parse(arrays[i], offsets[i], lengths[i], sink);
    }
  }

  /** Collects slices; the arrays handed in must not change afterwards. Not thread-safe. */
  public static final class Builder {

    private byte[][] arrays = new byte[16][];
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private int size;

    public void add(byte[] array, int offset, int length) {
      if (size == arrays.length) {
        arrays = Arrays.copyOf(arrays, size * 2);
        offsets = Arrays.copyOf(offsets, size * 2);
        lengths = Arrays.copyOf(lengths, size * 2);
      }
      arrays[size] = array;
      offsets[size] = offset;
      lengths[size] = length;
      size++;
    }

    public boolean isEmpty() {
      return size == 0;
    }

    /** The messages added so far; the builder starts empty again. */
    public RawMessages build() {
      RawMessages built = new RawMessages(arrays, offsets, lengths, size);
      arrays = new byte[16][];
      offsets = new int[16];
      lengths = new int[16];
      size = 0;
      return built;
    }
  }
}
