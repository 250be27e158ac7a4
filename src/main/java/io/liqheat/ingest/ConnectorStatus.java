package io.liqheat.ingest;

import java.util.Map;
import java.util.Set;

/**
 * A connector's visible state at a moment.
 *
 * @param connection a name for the connection, e.g. {@code binance-ws-1}
 * @param lastMessageMs wall-clock time of the newest message received, or 0 before the first
 * @param messages wire messages received (text frames and REST bodies)
 * @param inputs normalized inputs produced from them
 * @param trades trades among those inputs
 * @param reconnects connections re-established after a drop, a stale stream or an age cut
 * @param staleDetections times the stream was silent for {@code stale-after} and was cut
 * @param rateLimited REST answers of 429 or 418 that made the connector back off
 * @param malformed malformed-message counts by {@code market|reason} (market {@code -} if unknown)
 * @param late inputs the entities refused as late
 * @param lastError the newest connection or request failure, or null
 * @param markets per-market counts of this connection, for the ingest metrics
 * @param carried the markets whose live stream this connection carries, so the API can show a
 *     market the state of its own connection (Binance splits markets over several); empty for a
 *     REST-only connection and before the connector knows which markets it streams
 */
public record ConnectorStatus(
    String exchange,
    String connection,
    ConnectorState state,
    long lastMessageMs,
    long messages,
    long inputs,
    long trades,
    long reconnects,
    long staleDetections,
    long rateLimited,
    Map<String, Long> malformed,
    long late,
    String lastError,
    Map<io.liqheat.market.MarketId, MarketIngestCounts> markets,
    Set<io.liqheat.market.MarketId> carried) {

  /** A status without per-market counts or carried markets, as written before they existed. */
  public ConnectorStatus(String exchange, String connection, ConnectorState state, long lastMessageMs, long messages,
      long inputs, long trades, long reconnects, long staleDetections, long rateLimited, Map<String, Long> malformed,
      long late, String lastError) {
    this(exchange, connection, state, lastMessageMs, messages, inputs, trades, reconnects, staleDetections, rateLimited,
        malformed, late, lastError, Map.of(), Set.of());
  }

  public long malformedTotal() {
    return malformed.values().stream().mapToLong(Long::longValue).sum();
  }
}
