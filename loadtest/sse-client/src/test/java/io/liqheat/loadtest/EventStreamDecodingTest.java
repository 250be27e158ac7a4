package io.liqheat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The client's own HTTP chunked and SSE decoding, fed the server's wire format split anywhere. */
class EventStreamDecodingTest {

  private record Event(SseParser.Type type, long id, boolean idValid, boolean hasData, String data) {}

  private static final String SNAPSHOT = "{\"subject\":\"binance:BTCUSDT\",\"publishedAt\":1764000000123,\"bands\":[]}";
  private static final String BANDS = "{\"subject\":\"BTC\",\"markets\":[\"a\",\"b\"],\"publishedAt\":1764000000456,\"price\":1.5}";
  private static final String FROZEN = "{\"windowStart\":1764000000000,\"bands\":[{\"low\":1}]}";

  /** The events as the server writes them (SseEncoding): data, event, id, blank line; LF only. */
  private static final String STREAM = "data:" + SNAPSHOT + "\nevent:snapshot\nid:1764000000000\n\n"
      + "data:" + BANDS + "\nevent:bands\nid:1764000000000\n\n"
      + "data:\n\n"
      + "data:" + FROZEN + "\nevent:frozen\nid:1764000300000\n\n";

  private static final List<Event> EXPECTED = List.of(
      new Event(SseParser.Type.SNAPSHOT, 1764000000000L, true, true, SNAPSHOT),
      new Event(SseParser.Type.BANDS, 1764000000000L, true, true, BANDS),
      new Event(SseParser.Type.NONE, -1, false, true, ""),
      new Event(SseParser.Type.FROZEN, 1764000300000L, true, true, FROZEN));

  @Test
  void chunkedEventStreamDecodesTheSameWhereverTheReadsSplitIt() throws Exception {
    byte[] wire = chunked(STREAM.getBytes(StandardCharsets.UTF_8), new int[] {7, 100, 1, 64, 3});
    for (int split = 0; split <= wire.length; split++) {
      assertEquals(EXPECTED, decode(wire, split, wire.length), "split at " + split);
    }
    Random random = new Random(42);
    for (int run = 0; run < 200; run++) {
      int a = random.nextInt(wire.length + 1);
      int b = a + random.nextInt(wire.length - a + 1);
      assertEquals(EXPECTED, decode(wire, a, b), "splits at " + a + " and " + b);
    }
  }

  @Test
  void crAndCrlfEndLinesAndDataLinesAreJoinedWithLf() throws Exception {
    List<Event> events = new ArrayList<>();
    SseParser parser = new SseParser(recorder(events));
    byte[] text = "event: bands\r\ndata: {\"a\":\rdata:1}\r\nid: 7\r\rretry:10\n:comment\nx-field:1\n\n"
        .getBytes(StandardCharsets.UTF_8);
    for (byte b : text) {
      parser.feed(new byte[] {b}, 0, 1);
    }
    assertEquals(List.of(new Event(SseParser.Type.BANDS, 7, true, true, "{\"a\":\n1}"), new Event(SseParser.Type.NONE, -1, false, false, "")),
        events);
    assertEquals(1, parser.unknownFields());
    assertEquals(1, parser.comments());
  }

  @Test
  void aRepeatedOrNonNumericIdIsReportedAsInvalid() throws Exception {
    List<Event> events = new ArrayList<>();
    SseParser parser = new SseParser(recorder(events));
    byte[] text = "event:bands\nid:1\nid:2\ndata:{}\n\nevent:bands\nid:x\ndata:{}\n\nevent:what\ndata:{}\n\n"
        .getBytes(StandardCharsets.UTF_8);
    parser.feed(text, 0, text.length);
    assertEquals(3, events.size());
    assertEquals(false, events.get(0).idValid());
    assertEquals(false, events.get(1).idValid());
    assertEquals(SseParser.Type.OTHER, events.get(2).type());
  }

  @Test
  void brokenChunkFramingIsAProtocolError() {
    ChunkedDecoder.Sink ignore = (in, offset, count) -> { };
    assertThrows(ProtocolException.class, () -> feed(new ChunkedDecoder(), "zz\r\n", ignore));
    assertThrows(ProtocolException.class, () -> feed(new ChunkedDecoder(), "3\r\nabcX\r\n", ignore));
    assertThrows(ProtocolException.class, () -> feed(new ChunkedDecoder(), "3\nabc\r\n", ignore));
    ChunkedDecoder ended = new ChunkedDecoder();
    assertThrows(ProtocolException.class, () -> feed(ended, "1;ext=1\r\na\r\n0\r\nTrailer: x\r\n\r\nmore", ignore));
    assertTrue(ended.done());
  }

  @Test
  void theByteScanOfPublishedAtAgreesWithTheJsonParse() throws Exception {
    for (String json : List.of(SNAPSHOT, BANDS, "{\"publishedAt\":0}", "{\"publishedAt\": 42 ,\"x\":1}", "{\"a\":1}",
        "{\"publishedAt\":\"late\"}")) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertEquals(PublishedAt.parse(bytes, bytes.length), PublishedAt.scan(bytes, bytes.length), json);
    }
    byte[] broken = "{\"publishedAt\":1".getBytes(StandardCharsets.UTF_8);
    assertEquals(PublishedAt.ABSENT, PublishedAt.scan(broken, broken.length));
    assertThrows(java.io.IOException.class, () -> PublishedAt.parse(broken, broken.length));
  }

  private static List<Event> decode(byte[] wire, int split1, int split2) throws ProtocolException {
    List<Event> events = new ArrayList<>();
    SseParser parser = new SseParser(recorder(events));
    ChunkedDecoder chunks = new ChunkedDecoder();
    ChunkedDecoder.Sink sink = parser::feed;
    chunks.feed(wire, 0, split1, sink);
    chunks.feed(wire, split1, split2 - split1, sink);
    chunks.feed(wire, split2, wire.length - split2, sink);
    return events;
  }

  private static void feed(ChunkedDecoder decoder, String wire, ChunkedDecoder.Sink sink) throws ProtocolException {
    byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
    decoder.feed(bytes, 0, bytes.length, sink);
  }

  private static SseParser.Listener recorder(List<Event> events) {
    return (type, id, idValid, hasData, data, length) ->
        events.add(new Event(type, id, idValid, hasData, new String(data, 0, length, StandardCharsets.UTF_8)));
  }

  /** The body in chunks of the given sizes, cycled, as hexadecimal size lines with CRLF. */
  private static byte[] chunked(byte[] body, int[] sizes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int offset = 0;
    for (int i = 0; offset < body.length; i++) {
      int size = Math.min(sizes[i % sizes.length], body.length - offset);
      out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, offset, size);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      offset += size;
    }
    return out.toByteArray();
  }
}
