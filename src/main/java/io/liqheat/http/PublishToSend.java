package io.liqheat.http;

/**
 * Told when an SSE {@code bands} event leaves for a client, with the wall-clock time the entity
 * published the newest frame in it ({@code LiveFrame.publishedMs}): the publish-to-send latency.
 */
@FunctionalInterface
public interface PublishToSend {

  PublishToSend IGNORED = publishedMs -> { };

  void sent(long publishedMs);
}
