package io.liqheat.http;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Server-sent events as the bytes on the wire. An event is encoded here once, so an event shared by
 * many clients is one {@link ByteString} written to all of them; Pekko's {@code EventStreamMarshalling}
 * would scan, split and UTF-8 encode it again for every client on every event.
 *
 * <p>The format is the one Pekko's encoder wrote before, which the page and other clients read: every
 * line of the data as its own {@code data:} field, then {@code event:}, then {@code id:}, then a blank
 * line, with no space after the colons.
 */
final class SseEncoding {

  /**
   * What an idle stream sends to keep proxies from closing it: Pekko's heartbeat, kept for the clients
   * that know it. It is an event with empty data, not a comment: a browser's EventSource dispatches it
   * as a {@code message} event, which no listener of ours handles, and the page's own reader drops it
   * as an event without JSON.
   */
  static final ByteString HEARTBEAT = ByteString.fromString("data:\n\n", StandardCharsets.UTF_8);

  private static final ContentType EVENT_STREAM = ContentTypes.create(MediaTypes.TEXT_EVENT_STREAM);

  /**
   * A {@code text/event-stream} response of already encoded events, its body ended by closing the
   * connection ({@code Connection: close}, HTTP/1.1's close-delimited body) rather than chunked.
   *
   * <p>Why not chunked: Pekko renders every chunk by copying its data into a new array behind the
   * chunk's size line, for every client, so the event shared by thousands of clients was copied once
   * per client; in the 10,000-subscriber load test that was 73 % of the bytes the node allocated. A
   * close-delimited body hands the shared bytes to the socket as they are. An event stream only ends
   * with its connection anyway, and EventSource, {@code fetch} and HTTP clients read such a body as
   * they read a chunked one.
   *
   * <p>A marshaller rather than a bare response, so that content negotiation stays as it was: a
   * request that does not accept an event stream is refused (406).
   */
  static final Marshaller<Source<ByteString, ?>, HttpResponse> TO_EVENT_STREAM =
      Marshaller.withFixedContentType(EVENT_STREAM,
          events -> HttpResponse.create().withEntity(HttpEntities.createCloseDelimited(EVENT_STREAM, events)));

  private SseEncoding() {}

  /** An event without an id: a client's Last-Event-ID stays what it was. */
  static ByteString event(String type, String data) {
    return encode(type, null, data);
  }

  static ByteString event(String type, String id, String data) {
    return encode(type, requireOneLine("id", id), data);
  }

  private static ByteString encode(String type, String id, String data) {
    requireOneLine("type", type);
    StringBuilder text = new StringBuilder(data.length() + type.length() + (id == null ? 0 : id.length()) + 32);
    appendData(text, data);
    text.append("event:").append(type).append('\n');
    if (id != null) {
      text.append("id:").append(id).append('\n');
    }
    return ByteString.fromString(text.append('\n').toString(), StandardCharsets.UTF_8);
  }

  /**
   * Clients end a line at CR, LF or CRLF and join the {@code data:} fields with LF, so each line goes in
   * its own field and a lone CR cannot cut the data short.
   */
  private static void appendData(StringBuilder text, String data) {
    int lineStart = 0;
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == '\n' || c == '\r') {
        text.append("data:").append(data, lineStart, i).append('\n');
        if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
          i++;
        }
        lineStart = i + 1;
      }
    }
    text.append("data:").append(data, lineStart, data.length()).append('\n');
  }

  /** A line break in a field would end it and start a field of whatever follows. */
  private static String requireOneLine(String field, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("an SSE " + field + " must not contain a line break: " + value);
    }
    return value;
  }
}
