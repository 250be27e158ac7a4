package io.liqheat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one stream counts from the server's bytes: openings, events, refusals and problems. */
class SubscriberTest {

  private static final String SNAPSHOT = "data:{\"publishedAt\":1}\nevent:snapshot\nid:5\n\n";
  private static final String BANDS = "data:{\"publishedAt\":2}\nevent:bands\nid:5\n\n";

  private static boolean feed(Subscriber subscriber, String text) throws ProtocolException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return subscriber.onBytes(bytes, 0, bytes.length, 10);
  }

  @Test
  void aCloseDelimitedEventStreamIsReadAndMeasured() throws Exception {
    StreamTally tally = new StreamTally();
    tally.startMeasuring();
    Subscriber subscriber = new Subscriber(false, tally);
    assertTrue(feed(subscriber, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/event-stream\r\n\r\n" + SNAPSHOT));
    assertTrue(feed(subscriber, BANDS + "data:\n\n"));
    assertEquals(1, tally.open.get());
    assertEquals(1, tally.snapshots.sum());
    assertEquals(1, tally.bands.sum());
    assertEquals(1, tally.heartbeats.sum());
    assertEquals(0, tally.problemsTotal());
    assertEquals(8, tally.interval()[0].getMaxValue());
  }

  @Test
  void aChunkedEventStreamIsReadToo() throws Exception {
    StreamTally tally = new StreamTally();
    Subscriber subscriber = new Subscriber(true, tally);
    String body = SNAPSHOT + BANDS;
    feed(subscriber, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n\r\n"
        + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n");
    assertEquals(1, tally.openAssets.get());
    assertEquals(1, tally.snapshots.sum());
    assertEquals(0, tally.problemsTotal());
  }

  @Test
  void eventsThatBreakTheApisPromisesAreCounted() throws Exception {
    StreamTally tally = new StreamTally();
    tally.startMeasuring();
    Subscriber subscriber = new Subscriber(false, tally);
    feed(subscriber, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/event-stream\r\n\r\n"
        + BANDS + SNAPSHOT + SNAPSHOT.replace("id:5", "id:4") + "data:{}\nevent:bands\n\n" + "data:[1]\nevent:frozen\nid:6\n\n"
        + "data:x\n\n");
    assertEquals(Map.of("first event not a snapshot", 1L, "a second snapshot", 1L, "id went backwards", 1L,
        "bands without one numeric id", 1L, "bands without a publishedAt", 1L, "frozen data not a JSON object", 1L,
        "event without a type (not a heartbeat)", 1L), tally.problems());
  }

  @Test
  void aRefusalIsCountedWithItsStatusAndBody() throws Exception {
    StreamTally tally = new StreamTally();
    Subscriber subscriber = new Subscriber(false, tally);
    String json = "{\"error\":\"too_many_requests\"}";
    assertFalse(feed(subscriber, "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: "
        + json.length() + "\r\n\r\n" + json));
    assertEquals(Map.of("429 " + json, 1), tally.refusals());
    assertEquals(0, tally.open.get());
  }
}
