package io.liqheat.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;

/**
 * JSON on the wire: DTO records through one Jackson mapper. JSON has no NaN, so DTOs carry unknown
 * numbers as null ({@code Double}), never as the NaN the model uses internally.
 */
public final class ApiJson {

  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new ParameterNamesModule())
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ApiJson() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serializable as JSON: " + value.getClass().getName(), e);
    }
  }

  public static HttpEntity.Strict entity(Object value) {
    return HttpEntities.create(ContentTypes.APPLICATION_JSON, write(value));
  }

  public static HttpResponse response(StatusCode status, Object value) {
    return HttpResponse.create().withStatus(status).withEntity(entity(value));
  }

  /** NaN and infinities become null. */
  public static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
