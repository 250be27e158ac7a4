package io.liqheat.http;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Requests Pekko refuses while parsing, before any route sees them (a URI over
 * {@code max-uri-length}, too many or too long headers), answered as JSON {@code {error, message}}
 * like every other error. Named by {@code pekko.http.server.parsing.error-handler}. The message is
 * the parser's one-line summary: it names the limit, never echoes the offending bytes.
 */
public final class JsonParsingErrors extends ParsingErrorHandler {

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    log.debug("refused an unparsable request with {}: {}", status.intValue(), info.summary());
    int code = status.intValue();
    String error = code == 413 || code == 414 || code == 431 ? "request_too_large" : "bad_request";
    return ApiJson.response(status, new ApiError(error, info.summary()));
  }
}
