package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every refusal over a real socket is JSON {@code {error, message}} with the right status, and never
 * a stack trace: bad parameters 400, unknown markets, assets and paths 404, any method but GET 405,
 * oversized requests 414/431 (refused by Pekko's parser, before routing).
 */
class ApiErrorsTest {

  private static LiveApiRig rig;

  @BeforeAll
  static void start() {
    rig = LiveApiRig.start();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static final List<String> BAND_ROUTES = List.of(
      "/api/v1/markets/binance:BTCUSDT/bands", "/api/v1/assets/BTC/bands");

  @Test
  void aMalformedMarketIdIs400() {
    assertError(rig.get("/api/v1/markets/no-colon/bands"), 400, "bad_request");
    assertError(rig.get("/api/v1/markets/kraken:BTCUSDT/bands"), 400, "bad_request");
    assertError(rig.get("/api/v1/markets/no-colon/bands/stream"), 400, "bad_request");
  }

  @Test
  void eachMalformedDisplayParameterIs400NamingIt() {
    List<String> bad = List.of("range=abc", "range=0", "range=100", "range=-5", "range=NaN", "minIntensity=1.5",
        "minIntensity=-0.1", "minIntensity=x", "maxBands=0", "maxBands=101", "maxBands=2.5", "binWidth=0",
        "binWidth=-1", "binWidth=0.000001", "binWidth=wide");
    for (String route : BAND_ROUTES) {
      for (String query : bad) {
        HttpResponse<String> response = rig.get(route + "?" + query);
        JsonNode error = assertError(response, 400, "bad_request");
        assertThat(error.get("message").asText()).as("%s?%s", route, query).contains(query.substring(0, query.indexOf('=')));
      }
    }
    // The streams check the same parameters before they start.
    assertError(rig.get("/api/v1/markets/binance:BTCUSDT/bands/stream?maxBands=0"), 400, "bad_request");
    assertError(rig.get("/api/v1/assets/BTC/bands/stream?range=abc"), 400, "bad_request");
  }

  @Test
  void anUnknownExchangeInTheFilterIs400() {
    JsonNode error = assertError(rig.get("/api/v1/assets/BTC/bands?exchanges=binance,kraken"), 400, "bad_request");
    assertThat(error.get("message").asText()).contains("exchanges");
    assertError(rig.get("/api/v1/assets/BTC/bands/stream?exchanges=kraken"), 400, "bad_request");
  }

  @Test
  void aMalformedLastEventIdIs400() {
    for (String id : List.of("abc", "12x", "-")) {
      assertError(rig.get("/api/v1/markets/binance:BTCUSDT/bands/stream", "Last-Event-ID", id), 400, "bad_request");
    }
  }

  @Test
  void unknownMarketsAssetsAndPathsAre404() {
    assertError(rig.get("/api/v1/markets/binance:DOGEUSDT/bands"), 404, "not_found");
    assertError(rig.get("/api/v1/markets/binance:DOGEUSDT/bands/stream"), 404, "not_found");
    assertError(rig.get("/api/v1/assets/DOGE/bands"), 404, "not_found");
    // ETH trades on binance only here: filtered to bybit, the asset has no market.
    assertError(rig.get("/api/v1/assets/ETH/bands?exchanges=bybit"), 404, "not_found");
    for (String path : List.of("/api/v1/nope", "/api/v2/markets", "/api/v1/markets/binance:BTCUSDT/nope", "/nope",
        "/api/v1/markets/binance:BTCUSDT/bands/stream/extra")) {
      assertError(rig.get(path), 404, "not_found");
    }
  }

  @Test
  void theApiIsReadOnlyEveryOtherMethodIs405() {
    List<String> paths = List.of("/api/v1/markets", "/api/v1/markets/binance:BTCUSDT/bands",
        "/api/v1/markets/binance:BTCUSDT/bands/stream", "/api/v1/assets/BTC/bands", "/api/v1/openapi.json", "/api/v1/nope", "/");
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      for (String path : paths) {
        HttpResponse<String> response = rig.send(rig.baseUrl(), method, path);
        assertError(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow")).as("%s %s", method, path).hasValue("GET");
      }
    }
    // Refusing changed nothing: the markets are still all there.
    assertThat(rig.get("/api/v1/markets").statusCode()).isEqualTo(200);
  }

  @Test
  void anOverlongRequestLineIs414Json() {
    String padding = "x".repeat(5_000);
    HttpResponse<String> response = rig.get("/api/v1/markets/binance:BTCUSDT/bands?range=10&pad=" + padding);
    assertError(response, 414, "request_too_large");
    // A long query counts the same: it is part of the request line.
    String query = URLEncoder.encode("binance,".repeat(600), StandardCharsets.UTF_8);
    assertError(rig.get("/api/v1/assets/BTC/bands?exchanges=" + query), 414, "request_too_large");
  }

  @Test
  void tooManyOrTooLargeHeadersAreRefusedAsJson() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      many.add("X-Padding-" + i);
      many.add("v");
    }
    HttpResponse<String> tooMany = rig.get("/api/v1/markets", many.toArray(String[]::new));
    assertThat(tooMany.statusCode()).isIn(400, 431);
    assertJsonError(tooMany);

    HttpResponse<String> tooLarge = rig.get("/api/v1/markets", "X-Large", "v".repeat(9_000));
    assertThat(tooLarge.statusCode()).isIn(400, 431);
    assertJsonError(tooLarge);
  }

  /** The status, the code, exactly {error, message}, and nothing of a stack trace. */
  static JsonNode assertError(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(status);
    JsonNode body = assertJsonError(response);
    assertThat(body.get("error").asText()).as("error code of %s", response.uri()).isEqualTo(error);
    return body;
  }

  static JsonNode assertJsonError(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", response.uri())
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body;
    try {
      body = ApiJson.MAPPER.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).as("fields of %s", response.body()).containsExactly("error", "message");
    assertThat(body.get("message").asText()).isNotBlank()
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.liqheat").doesNotContain("org.apache");
    return body;
  }
}
