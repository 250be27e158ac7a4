package io.liqheat.ingest;

/**
 * Raw messages with the parser that reads them: WebSocket messages and REST bodies of one connection
 * travel through the same pipeline, each with its own parser.
 */
public record IngestMessage(MessageParser parser, RawMessages messages) {

  /** One REST body or other text message. */
  public static IngestMessage of(MessageParser parser, String text) {
    return new IngestMessage(parser, RawMessages.of(text));
  }
}
