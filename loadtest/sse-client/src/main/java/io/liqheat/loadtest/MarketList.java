package io.liqheat.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The server's markets, from {@code GET /api/v1/markets}. */
final class MarketList {

  private MarketList() {}

  static List<Market> fetch(URI server) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/markets")).timeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /api/v1/markets answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
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
