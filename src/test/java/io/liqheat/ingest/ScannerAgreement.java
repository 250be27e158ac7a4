package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/**
 * The check behind every exchange's byte scanner: a message gives the same inputs and the same
 * malformed reports through the connector's parser (scanner first) as through Jackson's token parser
 * alone, whether the scanner takes it or hands it on. Shared by the Binance, Bybit and OKX tests.
 */
public final class ScannerAgreement {

  /** A parser's byte entry point: the connector's {@code parse} or its {@code parseTokens}. */
  @FunctionalInterface
  public interface BytesParser {
    void parse(byte[] bytes, int offset, int length, ParseSink sink);
  }

  private static final byte[] REPLACEMENTS = " \t0719.-+eE\"\\:,{}[]ntfxS".getBytes(StandardCharsets.US_ASCII);

  private final BytesParser parser;
  private final BytesParser tokens;

  public ScannerAgreement(BytesParser parser, BytesParser tokens) {
    this.parser = parser;
    this.tokens = tokens;
  }

  public CollectingSink assertSame(String message) {
    return assertSame(message.getBytes(StandardCharsets.UTF_8));
  }

  /** What the connector's parser reported, after checking it against the token parser's report. */
  public CollectingSink assertSame(byte[] message) {
    // Offset inside a larger array, as messages arrive from the WebSocket client.
    byte[] framed = new byte[message.length + 6];
    System.arraycopy(message, 0, framed, 3, message.length);
    framed[message.length + 3] = '}';
    CollectingSink parsed = new CollectingSink();
    parser.parse(framed, 3, message.length, parsed);
    CollectingSink expected = new CollectingSink();
    tokens.parse(message, 0, message.length, expected);
    String text = new String(message, StandardCharsets.UTF_8);
    assertThat(parsed.inputs).as(text).isEqualTo(expected.inputs);
    assertThat(parsed.malformed).as(text).isEqualTo(expected.malformed);
    return parsed;
  }

  public void assertSameForEveryTruncation(String message) {
    for (int length = 0; length < message.length(); length++) {
      assertSame(message.substring(0, length));
    }
  }

  /** Every byte replaced in turn by each of a set of JSON-significant ones, and every byte left out. */
  public void assertSameForEverySingleByteChange(String message) {
    byte[] original = message.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < original.length; i++) {
      for (byte replacement : REPLACEMENTS) {
        byte[] changed = original.clone();
        changed[i] = replacement;
        assertSame(changed);
      }
      byte[] without = new byte[original.length - 1];
      System.arraycopy(original, 0, without, 0, i);
      System.arraycopy(original, i + 1, without, i, original.length - i - 1);
      assertSame(without);
    }
  }
}
