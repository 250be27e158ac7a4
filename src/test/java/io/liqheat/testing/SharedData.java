package io.liqheat.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real recorded market data in {@code ../shared/data}. It is never copied into the repository,
 * so a fresh clone has none: tests that read it skip with a message saying so.
 */
public final class SharedData {

  private SharedData() {}

  public static Path root() {
    return Path.of(System.getProperty("liqheat.shared.data", "../shared/data")).toAbsolutePath().normalize();
  }

  /** The file under the shared data folder, or a skipped test when it is absent. */
  public static Path require(String relative) {
    Path file = root().resolve(relative);
    assumeTrue(Files.isRegularFile(file),
        "skipped: real market data " + file + " is absent (../shared/data is not part of a fresh clone)");
    return file;
  }
}
