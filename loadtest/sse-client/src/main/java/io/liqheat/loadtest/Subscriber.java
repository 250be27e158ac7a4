package io.liqheat.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One SSE stream as the event loop reads it: the response head, then the body (chunked, or ended by
 * the connection's close), then the events, each checked against what the API promises. The first event must be the {@code snapshot}
 * (no Last-Event-ID is sent) and the only one; {@code bands}, {@code snapshot} and {@code frozen}
 * events carry a numeric id (the newest frozen window's start) that never goes backwards; a view's
 * data is a JSON object with {@code publishedAt}; a heartbeat is an event with empty data. Anything
 * else is counted as a problem, and the stream read on.
 *
 * <p>Every {@link #JSON_SAMPLE}-th event of all streams is also fully parsed as JSON (a few
 * microseconds each), which checks the documents and that the byte scan of {@code publishedAt}
 * reads the same value as the parser; parsing every event would cost the client more CPU than the
 * measurement can spare on a machine it shares with the server.
 */
final class Subscriber implements ChunkedDecoder.Sink, SseParser.Listener {

  static final int JSON_SAMPLE = 32;

  /** A refusal's body is read this far for its reason, then the connection is closed. */
  private static final int REFUSAL_BYTES = 240;

  private final boolean asset;
  private final StreamTally tally;
  private ResponseHead head = new ResponseHead();
  /** The chunked body's decoder; null for a body that the connection's close ends. */
  private ChunkedDecoder body;
  private SseParser events;
  private StringBuilder refusal;
  private int refusalLength = -1;
  private int refusalRead;
  private int status;
  private boolean sawSnapshot;
  private long lastId = -1;
  private long receivedAtMs;

  Subscriber(boolean asset, StreamTally tally) {
    this.asset = asset;
    this.tally = tally;
  }

  boolean asset() {
    return asset;
  }

  /** True while the response head has not come in full. */
  boolean waitingForHead() {
    return head != null;
  }

  /** True once the server answered with an event stream. */
  boolean opened() {
    return events != null;
  }

  /**
   * The connection's next bytes, read at {@code receivedAtMs}.
   *
   * @return false when the connection should be closed: a refusal has been read
   */
  boolean onBytes(byte[] in, int offset, int count, long receivedAtMs) throws ProtocolException {
    this.receivedAtMs = receivedAtMs;
    int used = 0;
    if (head != null) {
      used = head.feed(in, offset, count);
      if (!head.complete()) {
        return true;
      }
      ResponseHead complete = head;
      head = null;
      answered(complete);
    }
    if (refusal != null) {
      refusal.append(new String(in, offset + used, Math.min(count - used, REFUSAL_BYTES), StandardCharsets.UTF_8));
      refusalRead += count - used;
      if (refusalRead >= REFUSAL_BYTES || (refusalLength >= 0 && refusalRead >= refusalLength)) {
        refuse();
        return false;
      }
      return true;
    }
    if (body == null) {
      data(in, offset + used, count - used);
    } else {
      body.feed(in, offset + used, count - used, this);
      if (body.done()) {
        throw new ProtocolException("the server ended the chunked body");
      }
    }
    return true;
  }

  /** The server closed the connection; a refusal without a length ends this way. */
  void onClosed() {
    if (refusal != null) {
      refuse();
    }
  }

  private void answered(ResponseHead head) throws ProtocolException {
    status = head.status();
    tally.answered.incrementAndGet();
    String contentType = head.header("content-type").toLowerCase(Locale.ROOT);
    String transferEncoding = head.header("transfer-encoding").toLowerCase(Locale.ROOT);
    boolean chunked = transferEncoding.equals("chunked");
    // Without Transfer-Encoding or Content-Length the body runs until the server closes the
    // connection (RFC 9112 section 6.3), which the server must then announce.
    boolean closeDelimited = transferEncoding.isEmpty() && head.header("content-length").isEmpty()
        && head.header("connection").toLowerCase(Locale.ROOT).contains("close");
    if (status == 200 && contentType.startsWith("text/event-stream") && (chunked || closeDelimited)) {
      tally.open.incrementAndGet();
      if (asset) {
        tally.openAssets.incrementAndGet();
      }
      events = new SseParser(this);
      body = chunked ? new ChunkedDecoder() : null;
      return;
    }
    if (status == 200) {
      tally.refused("200 but Content-Type '" + contentType + "', Transfer-Encoding '" + transferEncoding
          + "', Content-Length '" + head.header("content-length") + "', Connection '" + head.header("connection") + "'");
      throw new ProtocolException("not an event stream this client reads");
    }
    refusal = new StringBuilder();
    try {
      refusalLength = Integer.parseInt(head.header("content-length"));
    } catch (NumberFormatException e) {
      refusalLength = -1;
    }
  }

  private void refuse() {
    String text = refusal.toString();
    tally.refused(status + " " + text.substring(0, Math.min(120, text.length())));
    refusal = null;
  }

  @Override
  public void data(byte[] in, int offset, int count) throws ProtocolException {
    events.feed(in, offset, count);
  }

  @Override
  public void event(SseParser.Type type, long id, boolean idValid, boolean hasData, byte[] data, int dataLength) {
    if (type == SseParser.Type.NONE) {
      if (hasData && dataLength == 0 && id < 0) {
        tally.heartbeats.increment();
      } else {
        tally.problem("event without a type (not a heartbeat)");
      }
      return;
    }
    if (type == SseParser.Type.OTHER) {
      tally.problem("unknown event type");
      return;
    }
    if (!sawSnapshot && type != SseParser.Type.SNAPSHOT) {
      tally.problem("first event not a snapshot");
    }
    if (!idValid) {
      tally.problem(type.name().toLowerCase(Locale.ROOT) + " without one numeric id");
    } else if (id < lastId) {
      tally.problem("id went backwards");
    } else {
      lastId = id;
    }
    if (dataLength < 2 || data[0] != '{' || data[dataLength - 1] != '}') {
      tally.problem(type.name().toLowerCase(Locale.ROOT) + " data not a JSON object");
      return;
    }
    long published = PublishedAt.scan(data, dataLength);
    if (++tally.eventsSeen % JSON_SAMPLE == 0) {
      checkJson(type, data, dataLength, published);
    }
    switch (type) {
      case SNAPSHOT -> {
        if (sawSnapshot) {
          tally.problem("a second snapshot");
        }
        sawSnapshot = true;
        tally.snapshots.increment();
        if (published == PublishedAt.ABSENT) {
          tally.problem("snapshot without publishedAt");
        }
      }
      case BANDS -> {
        if (published <= 0) {
          tally.problem("bands without a publishedAt");
        } else if (tally.measuring()) {
          tally.bands.increment();
          tally.latency(asset, Math.max(0, receivedAtMs - published));
        }
      }
      case FROZEN -> {
        if (tally.measuring()) {
          tally.frozen.increment();
        }
      }
      default -> throw new IllegalStateException(type.name());
    }
  }

  private void checkJson(SseParser.Type type, byte[] data, int dataLength, long scanned) {
    tally.jsonChecked.increment();
    try {
      long parsed = PublishedAt.parse(data, dataLength);
      if (type != SseParser.Type.FROZEN && parsed != scanned) {
        tally.problem("publishedAt: the byte scan disagrees with the JSON parse");
      }
    } catch (IOException e) {
      tally.problem(type.name().toLowerCase(Locale.ROOT) + " data not well-formed JSON");
    }
  }
}
