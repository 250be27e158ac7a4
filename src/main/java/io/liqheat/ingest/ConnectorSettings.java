package io.liqheat.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.liqheat.ingest.websocket.WebSocketClientSettings;
import io.liqheat.market.Exchange;
import java.net.URI;
import java.time.Duration;

/**
 * How one exchange's connector connects, from {@code liqheat.ingest.exchanges.<exchange>} layered
 * over the shared {@code liqheat.ingest} defaults. {@code exchangeConfig} keeps the whole block for
 * the keys only one exchange has (e.g. Binance's request-weight budget).
 *
 * @param wsUrl WebSocket base URL; the simulator's when the connectors run against it
 * @param restUrl REST base URL
 * @param staleAfter a stream silent this long is stale and gets reconnected
 * @param maxConnectionAge a connection is replaced before this age (Binance cuts at 24 h)
 * @param pingInterval how often the client sends the exchange's application-level ping
 * @param openInterestPollInterval REST polling period of open interest where the stream lacks it
 * @param ratioPollInterval REST polling period of the long/short account ratio
 * @param backfillMaxGap a gap longer than this is backfilled only for its newest part
 * @param requestTimeout how long one REST answer may take to arrive in full
 * @param delivery how batches reach the entities (shared by the node, see {@link IngestSettings})
 */
public record ConnectorSettings(
    Exchange exchange,
    URI wsUrl,
    URI restUrl,
    Duration minBackoff,
    Duration maxBackoff,
    double randomFactor,
    Duration staleAfter,
    Duration maxConnectionAge,
    Duration pingInterval,
    Duration openInterestPollInterval,
    Duration ratioPollInterval,
    Duration backfillMaxGap,
    int batchMaxMessages,
    Duration batchMaxDelay,
    Duration requestTimeout,
    DeliverySettings delivery,
    Duration malformedLogInterval,
    Config exchangeConfig) {

  public static final String ROOT = "liqheat.ingest";

  public static ConnectorSettings fromConfig(Config config, Exchange exchange) {
    String block = ROOT + ".exchanges." + exchange.id();
    Config ingest = config.getConfig(ROOT);
    Config own;
    try {
      own = config.getConfig(block).withFallback(ingest.withoutPath("exchanges"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(block + ": " + e.getMessage(), e);
    }
    Keys keys = new Keys(own, block);
    ConnectorSettings settings = new ConnectorSettings(
        exchange,
        keys.uri("ws-url"),
        keys.uri("rest-url"),
        keys.positiveDuration("reconnect.min-backoff"),
        keys.positiveDuration("reconnect.max-backoff"),
        keys.fraction("reconnect.random-factor"),
        keys.positiveDuration("stale-after"),
        keys.positiveDuration("max-connection-age"),
        keys.positiveDuration("ping-interval"),
        keys.positiveDuration("open-interest-poll-interval"),
        keys.positiveDuration("ratio-poll-interval"),
        keys.positiveDuration("backfill.max-gap"),
        keys.positiveInt("batch.max-messages"),
        keys.positiveDuration("batch.max-delay"),
        keys.positiveDuration("request-timeout"),
        DeliverySettings.read(keys),
        keys.positiveDuration("malformed-log-interval"),
        own);
    if (settings.maxBackoff.compareTo(settings.minBackoff) < 0) {
      throw new IllegalArgumentException(block + ".reconnect.max-backoff must not be below min-backoff");
    }
    return settings;
  }

  /** The same settings against other servers (tests point a connector at a server of their own). */
  public ConnectorSettings withUrls(URI otherWsUrl, URI otherRestUrl) {
    return new ConnectorSettings(exchange, otherWsUrl, otherRestUrl, minBackoff, maxBackoff, randomFactor, staleAfter,
        maxConnectionAge, pingInterval, openInterestPollInterval, ratioPollInterval, backfillMaxGap, batchMaxMessages,
        batchMaxDelay, requestTimeout, delivery, malformedLogInterval, exchangeConfig);
  }

  /** The WebSocket client's settings ({@code websocket.*}), from the same layered block. */
  public WebSocketClientSettings webSocket() {
    Keys keys = new Keys(exchangeConfig, ROOT + ".exchanges." + exchange.id());
    long maxMessage = keys.read("websocket.max-message-size", () -> exchangeConfig.getBytes("websocket.max-message-size"));
    if (maxMessage < 125 || maxMessage > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(keys.block() + ".websocket.max-message-size must be between 125 bytes and 2 GiB, was "
          + maxMessage);
    }
    return new WebSocketClientSettings((int) maxMessage, keys.positiveDuration("websocket.connect-timeout"),
        keys.positiveDuration("websocket.handshake-timeout"), keys.positiveDuration("websocket.close-timeout"));
  }

  /** Reads keys of one block and names the full key in every error, so bad config stops start-up clearly. */
  public record Keys(Config config, String block) {

    public Duration positiveDuration(String key) {
      Duration value = read(key, () -> config.getDuration(key));
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(block + "." + key + " must be positive, was " + value);
      }
      return value;
    }

    public int positiveInt(String key) {
      int value = read(key, () -> config.getInt(key));
      if (value < 1) {
        throw new IllegalArgumentException(block + "." + key + " must be at least 1, was " + value);
      }
      return value;
    }

    public double fraction(String key) {
      double value = read(key, () -> config.getDouble(key));
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(block + "." + key + " must be between 0 and 1, was " + value);
      }
      return value;
    }

    public URI uri(String key) {
      String text = read(key, () -> config.getString(key));
      try {
        URI uri = new URI(text);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException("no scheme or host");
        }
        return uri;
      } catch (Exception e) {
        throw new IllegalArgumentException(block + "." + key + " is not a URL: '" + text + "'", e);
      }
    }

    <T> T read(String key, java.util.function.Supplier<T> getter) {
      try {
        return getter.get();
      } catch (ConfigException e) {
        throw new IllegalArgumentException(block + "." + key + ": " + e.getMessage(), e);
      }
    }
  }
}
