package io.liqheat.http;

import io.liqheat.market.InvalidMarketIdException;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as JSON {@code {error, message}}: refused requests with their status, unmatched paths
 * as 404, anything unexpected as a 500 whose message says nothing of the internals. A request never
 * sees a stack trace; the log does.
 */
public final class ApiErrors extends AllDirectives {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  public Route handled(Supplier<Route> inner) {
    return handleExceptions(exceptions(), () -> handleRejections(rejections(), inner));
  }

  private static ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(ApiException.class, e -> new ApiErrors().complete(ApiJson.response(e.status(), new ApiError(e.error(), e.getMessage()))))
        .match(InvalidMarketIdException.class, e -> new ApiErrors().complete(
            ApiJson.response(StatusCodes.BAD_REQUEST, new ApiError("bad_request", e.getMessage()))))
        .matchAny(e -> {
          log.error("unexpected failure answering a request", e);
          return new ApiErrors().complete(ApiJson.response(StatusCodes.INTERNAL_SERVER_ERROR,
              new ApiError("internal", "the request failed; the server log has the details")));
        })
        .build();
  }

  private static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler()
        .mapRejectionResponse(response -> {
          if (response.entity().getContentType().equals(org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON)) {
            return response;
          }
          String message = response.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict
              ? strict.getData().utf8String()
              : response.status().reason();
          String error = response.status().equals(StatusCodes.NOT_FOUND) ? "not_found" : "bad_request";
          if (response.status().intValue() >= 500) {
            error = "unavailable";
          } else if (response.status().equals(StatusCodes.METHOD_NOT_ALLOWED)) {
            error = "method_not_allowed";
          }
          return response.withEntity(ApiJson.entity(new ApiError(error, message)));
        });
  }
}
