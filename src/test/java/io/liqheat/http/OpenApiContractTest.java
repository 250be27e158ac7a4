package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.json cannot drift from the code: the live routes' real answers (and SSE events) have
 * exactly the documented property names, recursively, and the documented paths are the API's.
 */
class OpenApiContractTest {

  private static LiveApiRig rig;
  private static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    rig = LiveApiRig.start();
    doc = ApiJson.MAPPER.readTree(rig.get("/api/v1/openapi.json").body());
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void documentsEveryPathOfTheApi() {
    Set<String> paths = new TreeSet<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).containsExactlyInAnyOrder("/api/v1/markets", "/api/v1/markets/{id}/bands",
        "/api/v1/markets/{id}/bands/stream", "/api/v1/assets/{asset}/bands", "/api/v1/assets/{asset}/bands/stream",
        "/api/v1/markets/{id}/frames", "/api/v1/markets/{id}/heatmap", "/api/v1/openapi.json", "/health/live",
        "/health/ready", "/cluster", "/metrics");
  }

  @Test
  void liveAnswersMatchTheirSchemas() throws Exception {
    check("/api/v1/markets", "/api/v1/markets");
    check("/api/v1/markets/{id}/bands", "/api/v1/markets/binance:BTCUSDT/bands");
    check("/api/v1/assets/{asset}/bands", "/api/v1/assets/BTC/bands?exchanges=binance,bybit");
    check("/cluster", "/cluster");
    JsonNode error = ApiJson.MAPPER.readTree(rig.get("/api/v1/markets/binance:DOGEUSDT/bands").body());
    conforms(schema("Error"), error, "404");
  }

  @Test
  void streamEventsMatchTheirSchemas() throws Exception {
    try (SseConnection stream = rig.openStream(rig.baseUrl(), "/api/v1/markets/binance:BTCUSDT/bands/stream", "Last-Event-ID", "0")) {
      assertThat(stream.status()).isEqualTo(200);
      SseConnection.Event first = stream.next();
      assertThat(first.type()).isIn("frozen", "snapshot");
      SseConnection.Event snapshot = "snapshot".equals(first.type()) ? first : stream.next("snapshot");
      conforms(schema("BandsView"), ApiJson.MAPPER.readTree(snapshot.data()), "snapshot");
      if ("frozen".equals(first.type())) {
        conforms(schema("FrozenWindow"), ApiJson.MAPPER.readTree(first.data()), "frozen");
      }
      conforms(schema("BandsView"), ApiJson.MAPPER.readTree(stream.next("bands").data()), "bands");
    }
  }

  private static void check(String documented, String path) throws Exception {
    JsonNode schema = doc.at("/paths/" + documented.replace("~", "~0").replace("/", "~1") + "/get/responses/200/content/application~1json/schema");
    assertThat(schema.isMissingNode()).as("schema of %s", documented).isFalse();
    JsonNode answer = ApiJson.MAPPER.readTree(rig.get(path).body());
    conforms(schema, answer, path);
  }

  private static JsonNode schema(String name) {
    return doc.at("/components/schemas/" + name);
  }

  private static JsonNode resolve(JsonNode schema) {
    if (schema.has("$ref")) {
      return resolve(doc.at(schema.get("$ref").asText().substring(1)));
    }
    if (schema.has("allOf")) {
      return resolve(schema.get("allOf").get(0));
    }
    return schema;
  }

  /** Objects have exactly the documented property names (all required); arrays and nested objects recursively. */
  private static void conforms(JsonNode schema, JsonNode value, String where) {
    JsonNode resolved = resolve(schema);
    if (value.isNull()) {
      assertThat(schema.path("nullable").asBoolean() || resolved.path("nullable").asBoolean()).as("%s may be null", where).isTrue();
      return;
    }
    String type = resolved.path("type").asText();
    if (type.equals("object") && resolved.has("properties")) {
      assertThat(value.isObject()).as("%s is an object", where).isTrue();
      List<String> actual = new ArrayList<>();
      value.fieldNames().forEachRemaining(actual::add);
      List<String> required = new ArrayList<>();
      resolved.get("required").forEach(name -> required.add(name.asText()));
      List<String> documented = new ArrayList<>();
      resolved.get("properties").fieldNames().forEachRemaining(documented::add);
      assertThat(actual).as("fields of %s", where).containsAll(required);
      assertThat(documented).as("documented fields of %s", where).containsAll(actual);
      for (String field : actual) {
        conforms(resolved.get("properties").get(field), value.get(field), where + "." + field);
      }
    } else if (type.equals("array")) {
      assertThat(value.isArray()).as("%s is an array", where).isTrue();
      for (int i = 0; i < value.size(); i++) {
        conforms(resolved.get("items"), value.get(i), where + "[" + i + "]");
      }
    } else if (type.equals("string")) {
      assertThat(value.isTextual()).as("%s is a string", where).isTrue();
    } else if (type.equals("number") || type.equals("integer")) {
      assertThat(value.isNumber()).as("%s is a number", where).isTrue();
    }
  }
}
