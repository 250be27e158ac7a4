package io.liqheat.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;

/** The server's markets, from {@code GET /api/v1/markets}. */
final class MarketList {

  private MarketList() {}

  static List<Market> fetch(ActorSystem system, URI server) throws Exception {
    HttpResponse response = Http.get(system).singleRequest(HttpRequest.GET(server.resolve("/api/v1/markets").toString()))
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    String body = response.entity().toStrict(30_000, Materializer.matFromSystem(system))
        .toCompletableFuture().get(30, TimeUnit.SECONDS).getData().utf8String();
    if (response.status().intValue() != 200) {
      throw new IOException("GET /api/v1/markets answered " + response.status() + ": " + body);
    }
    return parse(body);
  }

  private static List<Market> parse(String json) throws IOException {
    List<Market> markets = new ArrayList<>();
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("GET /api/v1/markets did not answer a JSON array");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String id = null;
        String asset = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if ("id".equals(name)) {
            id = parser.getText();
          } else if ("baseAsset".equals(name)) {
            asset = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
        markets.add(new Market(id, asset));
      }
    }
    return markets;
  }
}
