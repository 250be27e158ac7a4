package io.liqheat.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.http.SseConnection;
import io.liqheat.market.MarketId;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One market's SSE band stream on one node, read on a thread of its own: every {@code bands} event's
 * exchange time ({@code asOf}) with the wall time it arrived, for a viewer's account of an outage.
 */
final class LiveWatch implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final MarketId market;
  final NodeProcess node;
  private final SseConnection connection;
  private final Thread reader;
  private final List<long[]> received = new ArrayList<>();

  private LiveWatch(MarketId market, NodeProcess node, SseConnection connection) {
    this.market = market;
    this.node = node;
    this.connection = connection;
    this.reader = new Thread(this::read, "sse-" + market + "@" + node.name);
    reader.setDaemon(true);
  }

  static LiveWatch open(HttpClient client, NodeProcess node, MarketId market) {
    SseConnection connection = SseConnection.open(client, node.uri("/api/v1/markets/" + market + "/bands/stream"));
    if (connection.status() != 200) {
      throw new IllegalStateException("the stream of " + market + " on " + node.name + " answered " + connection.status());
    }
    LiveWatch watch = new LiveWatch(market, node, connection);
    watch.reader.start();
    return watch;
  }

  private void read() {
    try {
      SseConnection.Event event;
      while ((event = connection.next("bands")) != null) {
        JsonNode view = JSON.readTree(event.data());
        synchronized (received) {
          received.add(new long[] {System.currentTimeMillis(), view.path("asOf").asLong()});
        }
      }
    } catch (Exception e) {
      // The stream ended (the test closed it, or the node went away): what arrived is kept.
    }
  }

  /** Wall time of the first event whose exchange time is past {@code exchangeMs}, if one arrived. */
  OptionalLong firstPast(long exchangeMs) {
    synchronized (received) {
      return received.stream().filter(event -> event[1] > exchangeMs).mapToLong(event -> event[0]).findFirst();
    }
  }

  int events() {
    synchronized (received) {
      return received.size();
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
