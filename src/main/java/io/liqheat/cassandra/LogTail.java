package io.liqheat.cassandra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log, for error messages: the cause of a failed start is usually there. */
final class LogTail {

  /** Enough for dozens of stack-trace lines; the rest of a long-running node's log is not read. */
  private static final int MAX_BYTES = 256 * 1024;

  /** Cassandra logs its whole configuration on one line of ~10 kB; a terminal needs only its start. */
  private static final int MAX_LINE_CHARS = 400;

  private LogTail() {}

  /** The last {@code lines} lines, or a note saying why there are none. */
  static String describe(Path log, int lines) {
    if (!Files.isRegularFile(log)) {
      return "(no log at " + log + ")";
    }
    String text;
    try (SeekableByteChannel channel = Files.newByteChannel(log)) {
      long size = channel.size();
      int length = (int) Math.min(size, MAX_BYTES);
      channel.position(size - length);
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // keep reading until the buffer is full or the file ends
      }
      // Decoding is lenient: a cut can fall inside a multi-byte character.
      text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read " + log + ": " + e.getMessage() + ")";
    }
    List<String> all = text.lines().toList();
    if (all.isEmpty()) {
      return "(" + log + " is empty)";
    }
    List<String> tail =
        all.subList(Math.max(0, all.size() - lines), all.size()).stream()
            .map(line -> line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + " [...]")
            .toList();
    return "--- last " + tail.size() + " lines of " + log + " ---\n" + String.join("\n", tail);
  }
}
