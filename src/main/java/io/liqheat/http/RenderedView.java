package io.liqheat.http;

import org.apache.pekko.util.ByteString;

/**
 * One state of a live view, rendered for all of its SSE clients: the view's JSON, the event id (the
 * newest frozen window it includes) and its {@code bands} event already encoded, which every client of
 * the view is sent as this very {@link ByteString}.
 */
record RenderedView(String json, String id, ByteString bandsEvent) {

  static RenderedView of(String json, String id) {
    return new RenderedView(json, id, SseEncoding.event("bands", id, json));
  }

  /** The same view as the event a client gets on connect; encoded per client, as connects are rare. */
  ByteString snapshotEvent() {
    return SseEncoding.event("snapshot", id, json);
  }
}
