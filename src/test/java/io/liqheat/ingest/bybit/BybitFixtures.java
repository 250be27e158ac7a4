package io.liqheat.ingest.bybit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** This package's hand-written Bybit messages, under {@code src/test/resources/fixtures/bybit/}. */
final class BybitFixtures {

  private BybitFixtures() {}

  static String fixture(String name) {
    try (InputStream in = BybitFixtures.class.getResourceAsStream("/fixtures/bybit/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
