package io.liqheat.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir Path dir;

  @Test
  void showsTheLastLinesWithAHeader() throws IOException {
    Path log = dir.resolve("cassandra.log");
    Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

    assertThat(LogTail.describe(log, 3))
        .isEqualTo("--- last 3 lines of " + log + " ---\nline 98\nline 99\nline 100");
  }

  @Test
  void shortensVeryLongLines() throws IOException {
    Path log = dir.resolve("cassandra.log");
    Files.writeString(log, "INFO Node configuration:[" + "x".repeat(10_000) + "]\nERROR the cause\n");

    String tail = LogTail.describe(log, 40);

    assertThat(tail).hasSizeLessThan(1_000).contains(" [...]", "ERROR the cause");
  }

  @Test
  void saysWhenThereIsNoLog() {
    assertThat(LogTail.describe(dir.resolve("missing.log"), 40)).contains("no log at");
  }
}
