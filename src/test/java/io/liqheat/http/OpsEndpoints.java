package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** A real HTTP client for the operations endpoints of a bound API, and a reader of Prometheus text. */
final class OpsEndpoints {

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  OpsEndpoints(HttpApi api) {
    this.base = "http://127.0.0.1:" + api.address().getPort();
  }

  HttpResponse<String> get(String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String url(String path) {
    return base + path;
  }

  HttpClient client() {
    return client;
  }

  /**
   * The value of the first sample of {@code family} (the name as it stands before the labels or the
   * value) whose labels contain every one of {@code labels} ({@code key="value"}).
   */
  static OptionalDouble sample(String exposition, String family, String... labels) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(family + "{") || line.startsWith(family + " "))) {
        continue;
      }
      boolean all = true;
      for (String label : labels) {
        all &= line.contains(label);
      }
      if (all) {
        return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return OptionalDouble.empty();
  }

  /** A loopback port nothing listens on (bound, then released). */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertJsonError(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(ApiJsonTestReader.field(response.body(), "error")).isEqualTo(error);
  }
}
