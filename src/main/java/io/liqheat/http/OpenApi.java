package io.liqheat.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/v1/openapi.json}: the API contract, {@code src/main/resources/openapi.json} in the repo. */
final class OpenApi extends AllDirectives {

  static final String RESOURCE = "/openapi.json";

  private OpenApi() {}

  static String document() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Route route() {
    String document = document();
    return new OpenApi().path("openapi.json", () -> new OpenApi().get(() ->
        new OpenApi().complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, document))));
  }
}
