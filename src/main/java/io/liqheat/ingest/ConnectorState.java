package io.liqheat.ingest;

import java.util.Locale;

/** Where a connector's stream stands; the API and metrics show it. */
public enum ConnectorState {
  /** Not yet connected for the first time. */
  CONNECTING,
  /** Subscribed and receiving. */
  CONNECTED,
  /** Connected, but silent for longer than {@code stale-after}; a reconnect follows. */
  STALE,
  /** The connection dropped or went stale; waiting out the backoff before connecting again. */
  RECONNECTING,
  /** Fetching a gap from the exchange's history endpoints before the live stream resumes. */
  BACKFILLING,
  /** Shut down. */
  STOPPED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
