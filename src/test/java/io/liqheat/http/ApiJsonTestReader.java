package io.liqheat.http;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Reads one text field of a JSON answer with the API's own mapper. */
final class ApiJsonTestReader {

  private ApiJsonTestReader() {}

  static String field(String json, String name) {
    try {
      return ApiJson.MAPPER.readTree(json).path(name).asText(null);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
