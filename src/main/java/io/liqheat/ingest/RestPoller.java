package io.liqheat.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Polls REST endpoints on a fixed period, one request at a time, so a connector's request rate is
 * bounded by its calls per period. A failed or rate-limited call is recorded on the monitor and
 * skipped; the next period tries again (a rate-limited client fails fast until Retry-After).
 */
public final class RestPoller {

  private RestPoller() {}

  public static Source<IngestMessage, NotUsed> poll(Duration interval, RestClient client, Supplier<List<RestCall>> calls) {
    return Source.tick(Duration.ZERO, interval, Boolean.TRUE)
        .mapMaterializedValue(cancellable -> NotUsed.getInstance())
        .mapConcat(tick -> calls.get())
        .mapAsync(1, call -> client.get(call.url())
            .handle((body, failure) -> failure == null
                ? Optional.of(IngestMessage.of(call.parser(), body))
                : Optional.<IngestMessage>empty()))
        .filter(Optional::isPresent)
        .map(Optional::get);
  }
}
