package io.liqheat.ingest.okx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OKX's REST envelope {@code {"code":"0","msg":"","data":[...]}}. The REST answers are few and
 * small (instruments, history pages, a ratio a minute), so a tree parse is fast enough here.
 */
final class OkxRestAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OkxRestAnswer() {}

  /**
   * The {@code data} array of a successful answer.
   *
   * @throws OkxApiException when OKX reports an error code
   * @throws IllegalArgumentException when the body is not OKX's envelope
   */
  static JsonNode data(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode code = root.get("code");
    if (code == null || !code.isValueNode()) {
      throw new IllegalArgumentException("missing field code");
    }
    if (!"0".equals(code.asText())) {
      throw new OkxApiException(code.asText(), root.path("msg").asText(""));
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      throw new IllegalArgumentException("missing field data");
    }
    return data;
  }

  /** A numeric string (OKX sends every number as a string); NaN when absent or empty. */
  static double number(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return Double.NaN;
    }
    String text = node.asText();
    if (text.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static long time(JsonNode node) {
    double value = number(node);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("non-numeric ts");
    }
    return (long) value;
  }
}
