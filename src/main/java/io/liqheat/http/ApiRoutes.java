package io.liqheat.http;

import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Every route of a liqheat node, in one place: {@code /api/v1} (live and history, the OpenAPI
 * document), {@code /health}, {@code /metrics} and the chart page at {@code /}. Errors of all of them
 * are JSON, unknown paths included, and CORS follows the allowlist. The whole surface is read-only:
 * any method but GET is refused with a JSON 405, so nothing over HTTP can
 * change state; rebuilds and the like are CLI commands.
 */
public final class ApiRoutes extends AllDirectives {

  private final LiveRoutes live;
  private final HistoryRoutes history;
  private final OpsRoutes ops;
  private final PageRoutes page;
  private final Cors cors;

  public ApiRoutes(LiveRoutes live, HistoryRoutes history, OpsRoutes ops, PageRoutes page, HttpSettings settings) {
    this.live = live;
    this.history = history;
    this.ops = ops;
    this.page = page;
    this.cors = new Cors(settings.corsAllowedOrigins());
  }

  public Route route() {
    return new ApiErrors().handled(() -> cors.wrap(() -> get(() -> concat(
        pathPrefix("api", () -> pathPrefix("v1", () -> concat(
            live.route(),
            history.route(),
            OpenApi.route()))),
        ops.route(),
        page.route()))));
  }
}
