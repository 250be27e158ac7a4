package io.liqheat.ingest.bybit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bybit's REST envelope {@code {"retCode","retMsg","result":{...},"retExtInfo","time"}} and its
 * numbers-as-strings. REST bodies are small and rare, so they are read as trees.
 */
final class BybitRest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BybitRest() {}

  /** The {@code result.list} array of a successful answer. */
  static JsonNode resultList(String body, String endpoint) {
    JsonNode list = result(body, endpoint).get("list");
    if (list == null || !list.isArray()) {
      throw BybitResponseException.malformed(endpoint + " missing field list");
    }
    return list;
  }

  /** The {@code result} of a successful answer; an exception for an error answer or a malformed body. */
  static JsonNode result(String body, String endpoint) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw BybitResponseException.malformed("invalid JSON");
    }
    if (root == null || !root.isObject()) {
      throw BybitResponseException.malformed("not a JSON object");
    }
    JsonNode retCode = root.get("retCode");
    if (retCode == null || !retCode.canConvertToInt()) {
      throw BybitResponseException.malformed(endpoint + " missing field retCode");
    }
    if (retCode.asInt() != 0) {
      JsonNode retMsg = root.get("retMsg");
      throw BybitResponseException.apiError(retCode.asInt(), retMsg == null ? "" : retMsg.asText());
    }
    JsonNode result = root.get("result");
    if (result == null || !result.isObject()) {
      throw BybitResponseException.malformed(endpoint + " missing field result");
    }
    return result;
  }

  static double number(JsonNode node, String field, String endpoint) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw BybitResponseException.malformed(endpoint + " missing field " + field);
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (!value.isTextual()) {
      throw BybitResponseException.malformed(endpoint + " wrong type " + field);
    }
    try {
      double number = Double.parseDouble(value.asText());
      if (Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw BybitResponseException.malformed(endpoint + " non-numeric " + field);
  }

  static long time(JsonNode row, String field, String endpoint) {
    return timeValue(row.get(field), field, endpoint);
  }

  static long timeValue(JsonNode value, String field, String endpoint) {
    if (value == null || value.isNull()) {
      throw BybitResponseException.malformed(endpoint + " missing field " + field);
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (!value.isTextual()) {
      throw BybitResponseException.malformed(endpoint + " wrong type " + field);
    }
    try {
      return Long.parseLong(value.asText());
    } catch (NumberFormatException e) {
      throw BybitResponseException.malformed(endpoint + " non-numeric " + field);
    }
  }

  static String text(JsonNode node, String field, String endpoint) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw BybitResponseException.malformed(endpoint + " missing field " + field);
    }
    if (!value.isTextual()) {
      throw BybitResponseException.malformed(endpoint + " wrong type " + field);
    }
    return value.asText();
  }

  static void requireObject(JsonNode row, String endpoint) {
    if (!row.isObject()) {
      throw BybitResponseException.malformed(endpoint + " row not an object");
    }
  }
}
