package io.liqheat.ingest.okx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqheat.market.MarketId;
import java.util.List;

/** The subscribe frame of OKX's public WebSocket for a set of swaps. */
public final class OkxSubscriptions {

  public static final List<String> PER_INSTRUMENT_CHANNELS = List.of("trades", "open-interest", "mark-price");
  public static final String LIQUIDATIONS = "liquidation-orders";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OkxSubscriptions() {}

  /** The per-instrument channels of every market, and the liquidations of all swaps (OKX has no per-instrument one). */
  public static String subscribe(List<MarketId> markets) {
    ObjectNode frame = JSON.createObjectNode().put("op", "subscribe");
    ArrayNode args = frame.putArray("args");
    for (MarketId market : markets) {
      for (String channel : PER_INSTRUMENT_CHANNELS) {
        args.addObject().put("channel", channel).put("instId", market.symbol());
      }
    }
    args.addObject().put("channel", LIQUIDATIONS).put("instType", "SWAP");
    return frame.toString();
  }
}
