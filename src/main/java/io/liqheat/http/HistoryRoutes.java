package io.liqheat.http;

import io.liqheat.history.FramesRepository;
import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.LiveView;
import io.liqheat.market.MarketId;
import io.liqheat.model.Calibration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.util.Try;

/**
 * Frozen history from the read side ({@code frames_by_market_day}):
 *
 * <ul>
 *   <li>{@code GET /markets/{id}/frames?from=&to=&modelVersion=} plus the display parameters of
 *       {@link DisplayQuery}, applied to each frame's bands;
 *   <li>{@code GET /markets/{id}/heatmap?from=&to=&resolution=&modelVersion=&binWidth=&range=}: the
 *       time × price matrix of {@link HeatmapMatrix}.
 * </ul>
 *
 * Both answer with a strong ETag (304 on a matching {@code If-None-Match}); a range that ends
 * before the end of the newest frozen window is {@code immutable}, one that reaches the live window
 * {@code no-cache}. When Cassandra does not answer they answer 503.
 */
public final class HistoryRoutes extends AllDirectives {

  private static final Logger log = LoggerFactory.getLogger(HistoryRoutes.class);

  private final Supplier<CompletionStage<FramesRepository>> repository;
  private final Set<MarketId> markets;
  private final String defaultModelVersion;
  private final HistorySettings settings;
  private final Clock clock;

  /**
   * @param repository the read side, asked anew per request: the node's session comes up (and
   *     comes back) with Cassandra, so a request before that gets 503 rather than the node failing
   * @param markets the markets this node was configured with; any other is a 404
   * @param defaultModelVersion the running calibration's version, when the request names none
   * @param clock the default {@code to} is now
   */
  public HistoryRoutes(Supplier<CompletionStage<FramesRepository>> repository, List<MarketId> markets,
      String defaultModelVersion, HistorySettings settings, Clock clock) {
    this.repository = repository;
    this.markets = Set.copyOf(markets);
    this.defaultModelVersion = defaultModelVersion;
    this.settings = settings;
    this.clock = clock;
  }

  public Route route() {
    return pathPrefix("markets", () -> pathPrefix(PathMatchers.segment(), id -> concat(
        path("frames", () -> get(() -> parameterMap(params -> frames(KnownMarkets.require(id, markets::contains), params)))),
        path("heatmap", () -> get(() -> parameterMap(params -> heatmap(KnownMarkets.require(id, markets::contains), params)))))));
  }

  private Route frames(MarketId market, Map<String, String> params) {
    TimeRange range = TimeRange.from(params, clock, settings.maxSpan());
    String modelVersion = modelVersion(params);
    DisplayQuery display = DisplayQuery.from(params);
    List<String> request = List.of("frames", market.toString(), modelVersion, Long.toString(range.fromMs()),
        Long.toString(range.toMs()), Double.toString(display.range()), Double.toString(display.minIntensity()),
        Integer.toString(display.maxBands()), display.binWidth().map(String::valueOf).orElse("model"));
    return withHistory(market, modelVersion, range, request, (rows, immutable, newest) -> {
      List<FrameDto> frames = rows.stream().map(row -> FrameDto.of(row, display)).toList();
      return new FramesView(market.toString(), modelVersion, range.fromMs(), range.toMs(), immutable, newest, frames,
          LiveView.LIMITS);
    });
  }

  private Route heatmap(MarketId market, Map<String, String> params) {
    TimeRange range = TimeRange.from(params, clock, settings.maxSpan());
    String modelVersion = modelVersion(params);
    HeatmapResolution resolution = HeatmapResolution.parse(params.get("resolution"));
    DisplayQuery display = DisplayQuery.from(params);
    List<String> request = List.of("heatmap", market.toString(), modelVersion, Long.toString(range.fromMs()),
        Long.toString(range.toMs()), resolution.id(), Double.toString(display.range()),
        display.binWidth().map(String::valueOf).orElse("model"));
    return withHistory(market, modelVersion, range, request, (rows, immutable, newest) ->
        HeatmapMatrix.build(market.toString(), modelVersion, range, resolution, display, rows, immutable, newest,
            settings.maxHeatmapCells()));
  }

  /** Reads the range and the read side's progress, then answers with the caching headers. */
  private Route withHistory(MarketId market, String modelVersion, TimeRange range, List<String> request,
      Answer answer) {
    CompletionStage<Loaded> loaded = repository.get().thenCompose(read -> read
        .frames(market, modelVersion, range.fromMs(), range.toMs())
        .thenCombine(read.lastProjectedWindow(market, modelVersion), Loaded::new));
    return onComplete(loaded, result -> {
      Loaded history = available(result, market);
      boolean immutable = HistoryCaching.immutable(range.toMs(), history.newest());
      EntityTag etag = HistoryCaching.etag(request, history.rows());
      return respondWithHeader(immutable ? HistoryCaching.IMMUTABLE : HistoryCaching.NO_CACHE, () ->
          conditional(etag, () -> {
            Object body = answer.of(history.rows(), immutable, history.newest().orElse(null));
            return complete(StatusCodes.OK, body, ApiMarshal.json());
          }));
    });
  }

  /** The loaded history, or a 503 when Cassandra did not answer; the log keeps the cause. */
  private static Loaded available(Try<Loaded> result, MarketId market) {
    if (result.isSuccess()) {
      return result.get();
    }
    Throwable cause = AsyncFailures.unwrapped(result.failed().get());
    if (cause instanceof ApiException refused) {
      throw refused;
    }
    log.warn("reading the history of {} failed: {}", market, cause.toString());
    throw ApiException.unavailable("the history store (Cassandra) did not answer; try again shortly");
  }

  private String modelVersion(Map<String, String> params) {
    String asked = params.get("modelVersion");
    if (asked == null) {
      return defaultModelVersion;
    }
    if (!Calibration.isModelVersion(asked)) {
      throw ApiException.badRequest("modelVersion must be 1 to 64 letters, digits, '.', '_' or '-', was '" + asked + "'");
    }
    return asked;
  }

  private record Loaded(List<FrozenFrameRow> rows, Optional<Long> newest) {}

  /** The body of one endpoint, from the loaded rows. */
  @FunctionalInterface
  private interface Answer {
    Object of(List<FrozenFrameRow> rows, boolean immutable, Long newestFrozenWindow);
  }
}
