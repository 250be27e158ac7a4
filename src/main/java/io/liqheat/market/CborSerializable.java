package io.liqheat.market;

/**
 * Marks the messages, events and states that Pekko serializes with Jackson CBOR (bound in
 * reference.conf). Anything that crosses a node or reaches the journal implements it.
 */
public interface CborSerializable {}
