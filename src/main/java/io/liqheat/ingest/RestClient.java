package io.liqheat.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;

/**
 * GETs JSON from one exchange's REST API and honours its rate limits: after a 429 or 418 every call
 * to this exchange fails fast until the {@code Retry-After} has passed, so a connector that polls
 * several endpoints backs off as a whole, as the exchanges require (Binance bans IPs that keep
 * calling after a 429).
 */
public final class RestClient {

  /** Used when a 429 carries no Retry-After header. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final ActorSystem<?> system;
  private final ConnectorMonitor monitor;
  private final Clock clock;
  private final Duration timeout;
  private final Set<Integer> rateLimitStatuses;
  private final Duration defaultRetryAfter;
  private final AtomicLong blockedUntilMs = new AtomicLong();

  public RestClient(ActorSystem<?> system, ConnectorMonitor monitor, Duration timeout, Clock clock) {
    this(system, monitor, timeout, clock, Set.of(429, 418), DEFAULT_RETRY_AFTER);
  }

  /**
   * For an exchange that signals its IP limit with other statuses (Bybit answers 403 "access too
   * frequent", without a Retry-After, and wants at least ten minutes of quiet).
   *
   * @param defaultRetryAfter the back-off when such an answer carries no Retry-After
   */
  public RestClient(ActorSystem<?> system, ConnectorMonitor monitor, Duration timeout, Clock clock,
      Set<Integer> rateLimitStatuses, Duration defaultRetryAfter) {
    this.system = system;
    this.monitor = monitor;
    this.timeout = timeout;
    this.clock = clock;
    this.rateLimitStatuses = Set.copyOf(rateLimitStatuses);
    this.defaultRetryAfter = defaultRetryAfter;
  }

  /** The body of a 2xx answer; a {@link RateLimitedException} or {@link RestException} otherwise. */
  public CompletionStage<String> get(String url) {
    long waitMs = blockedUntilMs.get() - clock.millis();
    if (waitMs > 0) {
      return CompletableFuture.failedFuture(new RateLimitedException(url, 429, Duration.ofMillis(waitMs)));
    }
    return Http.get(system)
        .singleRequest(HttpRequest.GET(url))
        .thenCompose(response -> read(url, response));
  }

  public long blockedForMs() {
    return Math.max(0, blockedUntilMs.get() - clock.millis());
  }

  private CompletionStage<String> read(String url, HttpResponse response) {
    Materializer materializer = Materializer.matFromSystem(system);
    int status = response.status().intValue();
    return response.entity()
        .withSizeLimit(MAX_BODY_BYTES)
        .toStrict(timeout.toMillis(), materializer)
        .thenApply(entity -> {
          String body = entity.getData().utf8String();
          if (rateLimitStatuses.contains(status)) {
            Duration retryAfter = retryAfter(response, defaultRetryAfter);
            blockedUntilMs.accumulateAndGet(clock.millis() + retryAfter.toMillis(), Math::max);
            RateLimitedException limited = new RateLimitedException(url, status, retryAfter);
            monitor.rateLimited(limited.getMessage());
            throw limited;
          }
          if (status < 200 || status > 299) {
            RestException failed = new RestException(url, status, body.substring(0, Math.min(200, body.length())));
            monitor.failure(failed.getMessage());
            throw failed;
          }
          monitor.messageReceived();
          return body;
        });
  }

  /** Retry-After in seconds (the exchanges send seconds, not dates); a default when absent or unreadable. */
  static Duration retryAfter(HttpResponse response, Duration defaultRetryAfter) {
    return response.getHeader("Retry-After")
        .map(header -> {
          try {
            long seconds = Long.parseLong(header.value().trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : defaultRetryAfter;
          } catch (NumberFormatException e) {
            return defaultRetryAfter;
          }
        })
        .orElse(defaultRetryAfter);
  }
}
