package io.liqheat.sim.okx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimCandle;
import io.liqheat.sim.SimEvent;
import io.liqheat.sim.SimHistoryPoint;
import io.liqheat.sim.SimMarketSpec;
import java.math.BigDecimal;

/**
 * Renders simulator state in OKX's JSON: every number a plain decimal string, sizes in contracts of
 * the market's {@code contractSize} (OKX's {@code ctVal}), REST answers in OKX's envelope.
 */
final class OkxSimWire {

  static final ObjectMapper JSON = new ObjectMapper();

  private OkxSimWire() {}

  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String ok(ArrayNode data) {
    ObjectNode root = JSON.createObjectNode().put("code", "0").put("msg", "");
    root.set("data", data);
    return root.toString();
  }

  static String error(String code, String msg) {
    ObjectNode root = JSON.createObjectNode().put("code", code).put("msg", msg);
    root.putArray("data");
    return root.toString();
  }

  static ObjectNode instrument(SimMarketSpec spec) {
    String instId = spec.market().symbol();
    String family = instId.endsWith("-SWAP") ? instId.substring(0, instId.length() - "-SWAP".length()) : instId;
    String settle = family.substring(family.indexOf('-') + 1);
    ObjectNode row = JSON.createObjectNode()
        .put("instType", "SWAP").put("instId", instId).put("uly", family).put("instFamily", family)
        .put("baseCcy", "").put("quoteCcy", "").put("settleCcy", settle)
        .put("ctVal", number(spec.contractSize())).put("ctMult", "1").put("ctValCcy", spec.market().baseAsset())
        .put("ctType", "linear").put("lever", "100").put("tickSz", "0.1").put("lotSz", "0.01").put("minSz", "0.01")
        .put("state", "live").put("listTime", "1611916828000").put("expTime", "").put("alias", "");
    return row;
  }

  /** One WebSocket push, or null for events the four channels do not carry. */
  static String push(SimMarketSpec spec, SimEvent event) {
    String instId = spec.market().symbol();
    if (event instanceof SimEvent.Trade trade) {
      ObjectNode root = envelope("trades", instId);
      root.putArray("data").addObject()
          .put("instId", instId).put("tradeId", Long.toString(trade.tradeId()))
          .put("px", number(trade.price())).put("sz", number(trade.size() / spec.contractSize()))
          .put("side", trade.takerBuy() ? "buy" : "sell").put("ts", Long.toString(trade.timeMs()))
          .put("count", "1").put("source", "0");
      return root.toString();
    }
    if (event instanceof SimEvent.Mark mark) {
      ObjectNode root = envelope("mark-price", instId);
      root.putArray("data").addObject()
          .put("instType", "SWAP").put("instId", instId).put("markPx", number(mark.markPrice()))
          .put("ts", Long.toString(mark.timeMs()));
      return root.toString();
    }
    if (event instanceof SimEvent.OpenInterest oi) {
      ObjectNode root = envelope("open-interest", instId);
      root.putArray("data").addObject()
          .put("instType", "SWAP").put("instId", instId).put("oi", number(oi.oiBase() / spec.contractSize()))
          .put("oiCcy", number(oi.oiBase())).put("oiUsd", number(oi.oiUsd())).put("ts", Long.toString(oi.timeMs()));
      return root.toString();
    }
    if (event instanceof SimEvent.Liquidation liquidation) {
      ObjectNode root = JSON.createObjectNode();
      root.putObject("arg").put("channel", "liquidation-orders").put("instType", "SWAP");
      String family = instId.endsWith("-SWAP") ? instId.substring(0, instId.length() - "-SWAP".length()) : instId;
      ObjectNode row = root.putArray("data").addObject();
      // Hedge-mode rendering: posSide names the closed position, and the order closing it goes the other way.
      row.putArray("details").addObject()
          .put("bkLoss", "0").put("bkPx", number(liquidation.price())).put("ccy", "")
          .put("posSide", liquidation.longLiquidated() ? "long" : "short")
          .put("side", liquidation.longLiquidated() ? "sell" : "buy")
          .put("sz", number(liquidation.size() / spec.contractSize())).put("ts", Long.toString(liquidation.timeMs()));
      row.put("instFamily", family).put("instId", instId).put("instType", "SWAP").put("uly", family);
      return root.toString();
    }
    return null;
  }

  private static ObjectNode envelope(String channel, String instId) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("arg").put("channel", channel).put("instId", instId);
    return root;
  }

  /** A history-candles row: [ts,o,h,l,c,vol(contracts),volCcy(base),volCcyQuote,confirm]. */
  static ArrayNode candle(SimCandle candle, SimMarketSpec spec) {
    return JSON.createArrayNode()
        .add(Long.toString(candle.openTimeMs())).add(number(candle.open())).add(number(candle.high()))
        .add(number(candle.low())).add(number(candle.close())).add(number(candle.volume() / spec.contractSize()))
        .add(number(candle.volume())).add(number(candle.quoteVolume())).add("1");
  }

  static ArrayNode openInterestVolume(long timeMs, double oiUsd, double volumeUsd) {
    return JSON.createArrayNode().add(Long.toString(timeMs)).add(number(oiUsd)).add(number(volumeUsd));
  }

  static ArrayNode ratio(SimHistoryPoint point) {
    return JSON.createArrayNode().add(Long.toString(point.timeMs())).add(number(point.longShortRatio()));
  }

  /** The ack of a subscribe or unsubscribe op: {@code {"event":op,"arg":{...},"connId":..}}. */
  static String acknowledged(String op, ObjectNode arg, String connId) {
    ObjectNode root = JSON.createObjectNode().put("event", op);
    root.set("arg", arg);
    return root.put("connId", connId).toString();
  }

  static String wsError(String code, String msg, String connId) {
    return JSON.createObjectNode().put("event", "error").put("code", code).put("msg", msg).put("connId", connId).toString();
  }

  static MarketId market(String instId) {
    return new MarketId(io.liqheat.market.Exchange.OKX, instId);
  }
}
