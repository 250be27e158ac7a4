package io.liqheat.http;

import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * A request the API refuses, with the status and the JSON {@code {error, message}} it answers.
 * Thrown anywhere under the routes; {@link ApiErrors} turns it into the response.
 */
public final class ApiException extends RuntimeException {

  private final StatusCode status;
  private final String error;

  public ApiException(StatusCode status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(StatusCodes.BAD_REQUEST, "bad_request", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(StatusCodes.NOT_FOUND, "not_found", message);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "unavailable", message);
  }

  public static ApiException tooManyRequests(String message) {
    return new ApiException(StatusCodes.TOO_MANY_REQUESTS, "too_many_requests", message);
  }

  public StatusCode status() {
    return status;
  }

  public String error() {
    return error;
  }
}
