package io.liqheat.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * CORS from an allowlist ({@code liqheat.http.cors.allowed-origins}, empty by default): an allowed
 * origin gets its own name back in {@code Access-Control-Allow-Origin} and its preflight answered;
 * any other origin gets no CORS header, so browsers keep its pages out. The API is read-only, so only
 * GET is ever allowed.
 */
final class Cors extends AllDirectives {

  private final List<String> allowed;

  Cors(List<String> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  Route wrap(Supplier<Route> inner) {
    return optionalHeaderValueByName("Origin", origin -> {
      Optional<String> permitted = origin.filter(allowed::contains);
      if (permitted.isEmpty()) {
        return inner.get();
      }
      List<HttpHeader> headers = List.of(
          RawHeader.create("Access-Control-Allow-Origin", permitted.get()),
          RawHeader.create("Vary", "Origin"));
      return respondWithHeaders(headers, () -> concat(
          options(() -> complete(HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(List.of(
              RawHeader.create("Access-Control-Allow-Methods", "GET"),
              RawHeader.create("Access-Control-Allow-Headers", "Last-Event-ID, Content-Type"),
              RawHeader.create("Access-Control-Max-Age", "600"))))),
          inner.get()));
    });
  }
}
