package io.liqheat.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The file in the data directory that records which process is the node. It is how a later
 * {@code status} or {@code stop}, from another JVM, finds the node that {@code start} launched.
 */
final class PidFile {

  private final Path path;

  PidFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  boolean exists() {
    return Files.exists(path);
  }

  /** The recorded pid; empty when the file is missing or does not hold a number. */
  OptionalLong read() {
    try {
      String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
      return OptionalLong.of(Long.parseLong(text));
    } catch (IOException | NumberFormatException unreadable) {
      return OptionalLong.empty();
    }
  }

  /** The raw content, for messages about a pid file that does not hold a number. */
  String rawContent() {
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8).trim();
      return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    } catch (IOException e) {
      return "<unreadable: " + e.getMessage() + ">";
    }
  }

  void write(long pid) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, pid + System.lineSeparator(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write pid file " + path, e);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete pid file " + path, e);
    }
  }
}
