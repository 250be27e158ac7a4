package io.liqheat.ingest;

import java.time.Duration;
import java.util.List;

/**
 * One WebSocket connection to open: its URL, the frames to send right after connecting (the
 * subscriptions), and the exchange's application-level ping, if it wants one.
 *
 * @param pingText the ping frame, e.g. Bybit's {@code {"op":"ping"}}; null when the exchange pings the client
 */
public record WebSocketSpec(String url, List<String> onConnect, Duration pingInterval, String pingText) {

  public WebSocketSpec {
    onConnect = List.copyOf(onConnect);
  }
}
