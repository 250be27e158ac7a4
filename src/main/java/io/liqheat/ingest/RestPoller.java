package io.liqheat.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.ThrottleMode;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Polls REST endpoints on a fixed period, one request at a time, so a connector's request rate is
 * bounded by its calls per period. A failed or rate-limited call is recorded on the monitor and
 * skipped; the next period tries again (a rate-limited client fails fast until Retry-After).
 *
 * <p>A period's calls are spread evenly over it, the first at once, rather than made back to back:
 * the requests reach the exchange at a steady rate instead of in a burst a period, and the markets
 * they feed step one after another. Made together, Binance's open-interest polls stepped its
 * markets in the same few milliseconds, and each step sends a live frame to every viewer of the
 * market, so every five seconds the SSE streams of three markets had to be written at once: the
 * slowest of those writes set the load test's p99 (README, "Measured speed", SSE).
 */
public final class RestPoller {

  private RestPoller() {}

  public static Source<IngestMessage, NotUsed> poll(Duration interval, RestClient client, Supplier<List<RestCall>> calls) {
    return Source.tick(Duration.ZERO, interval, Boolean.TRUE)
        .mapMaterializedValue(cancellable -> NotUsed.getInstance())
        .flatMapConcat(tick -> spreadOver(interval, calls.get()))
        .mapAsync(1, call -> client.get(call.url())
            .handle((body, failure) -> failure == null
                ? Optional.of(IngestMessage.of(call.parser(), body))
                : Optional.<IngestMessage>empty()))
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  private static Source<RestCall, NotUsed> spreadOver(Duration interval, List<RestCall> due) {
    if (due.size() <= 1) {
      return Source.from(due);
    }
    // A burst of one: Pekko's automatic burst would let calls less than 100 ms apart through together.
    return Source.from(due).throttle(1, interval.dividedBy(due.size()), 1, ThrottleMode.shaping());
  }
}
