package io.liqheat.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP API's settings, from {@code liqheat.http}. Validated before anything binds, so a bad value
 * stops start-up with the key's name.
 *
 * @param iface the interface to bind: 127.0.0.1 for the demo, the configured one in production
 * @param maxConnections Pekko's {@code max-connections} (default 1024) raised for SSE viewers
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty allows none
 * @param sseHeartbeat a stream with no event for this long gets a heartbeat (an event with empty data),
 *     which keeps idle SSE connections under every idle timeout; below {@code
 *     pekko.http.server.idle-timeout} when that is finite
 * @param sseMaxPerClient concurrent SSE streams one client address may hold
 * @param nearestHorizon the horizon of the expected move that "nearest clusters" look within
 */
public record HttpSettings(
    String iface,
    int port,
    int maxConnections,
    List<String> corsAllowedOrigins,
    Duration sseHeartbeat,
    int sseMaxPerClient,
    Duration nearestHorizon) {

  public static final String ROOT = "liqheat.http";
  private static final String IDLE_TIMEOUT = "pekko.http.server.idle-timeout";

  public static HttpSettings fromConfig(Config config) {
    Config http;
    try {
      http = config.getConfig(ROOT);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ROOT + ": " + e.getMessage(), e);
    }
    String iface = read(http, "interface", () -> http.getString("interface"));
    int port = read(http, "port", () -> http.getInt("port"));
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(ROOT + ".port must be 0..65535 (0: any free port), was " + port);
    }
    int maxConnections = read(http, "max-connections", () -> http.getInt("max-connections"));
    if (maxConnections < 1) {
      throw new IllegalArgumentException(ROOT + ".max-connections must be at least 1, was " + maxConnections);
    }
    List<String> origins = read(http, "cors.allowed-origins", () -> http.getStringList("cors.allowed-origins"));
    Duration heartbeat = read(http, "sse.heartbeat", () -> http.getDuration("sse.heartbeat"));
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException(ROOT + ".sse.heartbeat must be positive, was " + heartbeat);
    }
    requireBelowIdleTimeout(config, heartbeat);
    int perClient = read(http, "sse.max-per-client", () -> http.getInt("sse.max-per-client"));
    if (perClient < 1) {
      throw new IllegalArgumentException(ROOT + ".sse.max-per-client must be at least 1, was " + perClient);
    }
    Duration horizon = read(http, "nearest.horizon", () -> http.getDuration("nearest.horizon"));
    if (horizon.toMinutes() < 5) {
      throw new IllegalArgumentException(ROOT + ".nearest.horizon must be at least 5 minutes, was " + horizon);
    }
    return new HttpSettings(iface, port, maxConnections, List.copyOf(origins), heartbeat, perClient, horizon);
  }

  /**
   * A stream with nothing to say sends only heartbeats; with the heartbeat at or above Pekko's idle
   * timeout, the server would close it as idle first, and a quiet market's viewers would reconnect
   * every idle timeout. An infinite idle timeout (or a configuration without Pekko's) closes nothing.
   */
  private static void requireBelowIdleTimeout(Config config, Duration heartbeat) {
    if (!config.hasPath(IDLE_TIMEOUT) || config.getString(IDLE_TIMEOUT).equalsIgnoreCase("infinite")) {
      return;
    }
    Duration idleTimeout;
    try {
      idleTimeout = config.getDuration(IDLE_TIMEOUT);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(IDLE_TIMEOUT + ": " + e.getMessage(), e);
    }
    if (heartbeat.compareTo(idleTimeout) >= 0) {
      throw new IllegalArgumentException(ROOT + ".sse.heartbeat must be below " + IDLE_TIMEOUT + " (" + idleTimeout
          + "), or idle SSE streams are closed before their heartbeat; was " + heartbeat);
    }
  }

  private static <T> T read(Config http, String key, java.util.function.Supplier<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ROOT + "." + key + ": " + e.getMessage(), e);
    }
  }
}
