package io.liqheat.ingest;

/**
 * A raw message with the parser that reads it: WebSocket frames and REST bodies of one connection
 * travel through the same pipeline, each with its own parser.
 */
public record IngestMessage(MessageParser parser, String text) {}
