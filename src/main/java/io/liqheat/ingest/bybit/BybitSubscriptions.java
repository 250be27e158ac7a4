package io.liqheat.ingest.bybit;

import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscribe frames for a set of markets: three topics per market ({@code publicTrade},
 * {@code tickers}, {@code allLiquidation}), at most {@code argsPerRequest} topics per frame because
 * Bybit limits the args of one request (10 on the public streams).
 */
public final class BybitSubscriptions {

  public static final String PING = "{\"op\":\"ping\"}";

  private BybitSubscriptions() {}

  public static List<String> topics(List<MarketId> markets) {
    List<String> topics = new ArrayList<>(markets.size() * 3);
    for (MarketId market : markets) {
      topics.add("publicTrade." + market.symbol());
      topics.add("tickers." + market.symbol());
      topics.add("allLiquidation." + market.symbol());
    }
    return topics;
  }

  public static List<String> frames(List<MarketId> markets, int argsPerRequest) {
    List<String> topics = topics(markets);
    List<String> frames = new ArrayList<>();
    for (int from = 0; from < topics.size(); from += argsPerRequest) {
      StringBuilder frame = new StringBuilder("{\"op\":\"subscribe\",\"args\":[");
      List<String> chunk = topics.subList(from, Math.min(topics.size(), from + argsPerRequest));
      for (int i = 0; i < chunk.size(); i++) {
        frame.append(i == 0 ? "\"" : ",\"").append(chunk.get(i)).append('"');
      }
      frame.append("],\"req_id\":\"sub-").append(frames.size() + 1).append("\"}");
      frames.add(frame.toString());
    }
    return frames;
  }
}
