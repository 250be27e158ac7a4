package io.liqheat.ingest;

/** One REST request a poller makes, and the parser for its answer. */
public record RestCall(String url, MessageParser parser) {}
