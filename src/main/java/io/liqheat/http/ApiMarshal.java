package io.liqheat.http;

import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;

/** The JSON marshaller of every API answer, with the API's Jackson mapper. */
final class ApiMarshal {

  private ApiMarshal() {}

  static <T> Marshaller<T, RequestEntity> json() {
    return Marshaller.withFixedContentType(ContentTypes.APPLICATION_JSON, value -> ApiJson.entity(value));
  }
}
