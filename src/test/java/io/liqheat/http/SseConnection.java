package io.liqheat.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One open server-sent-event stream over a real socket, read event by event. Closing it closes the
 * connection, as a browser tab going away does.
 */
public final class SseConnection implements AutoCloseable {

  /** One event: its fields ({@code event}, {@code id}, {@code data}). */
  public record Event(String type, String id, String data) {}

  private final HttpResponse<InputStream> response;
  private final BufferedReader reader;

  private SseConnection(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  public static SseConnection open(HttpClient client, URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return new SseConnection(client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int status() {
    return response.statusCode();
  }

  /** The whole body of a refused (non-200) request. */
  String errorBody() {
    try {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next event that is not a heartbeat; blocks until it arrives or the stream ends (then null). */
  public Event next() {
    Map<String, String> fields = new LinkedHashMap<>();
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (fields.containsKey("data")) {
            return new Event(fields.get("event"), fields.get("id"), fields.get("data"));
          }
          fields.clear();
        } else if (!line.startsWith(":")) {
          int colon = line.indexOf(':');
          String name = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
          fields.merge(name, value, (a, b) -> a + "\n" + b);
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next event of {@code type}, skipping others. */
  public Event next(String type) {
    Event event;
    do {
      event = next();
    } while (event != null && !type.equals(event.type()));
    return event;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // The connection is going away either way.
    }
  }
}
