package io.liqheat.sim.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqheat.market.Exchange;
import io.liqheat.market.InvalidMarketIdException;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimCandle;
import io.liqheat.sim.SimHistoryPoint;
import io.liqheat.sim.SimulatedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Bybit's v5 linear market data as the simulator serves it, on Bybit's own paths and in its JSON:
 *
 * <ul>
 *   <li>WebSocket {@code /v5/public/linear}: {@code subscribe} and {@code ping} ops, topics
 *       {@code publicTrade.*}, {@code tickers.*}, {@code allLiquidation.*}
 *   <li>{@code GET /v5/market/instruments-info}, {@code /kline} (interval 1), {@code /open-interest}
 *       and {@code /account-ratio} (5min): {@code {"retCode","retMsg","result","retExtInfo","time"}},
 *       numbers as strings, lists newest first, and Bybit's {@code retCode 10001} for an unknown symbol
 * </ul>
 *
 * <p>Faults: every connection runs through the exchange's kill switch of the moment, sends nothing
 * while the exchange is silent, and has a data frame cut in half when a malformed one is due; REST
 * answers 429 with {@code Retry-After} while a rate limit is due.
 */
public final class BybitSimRoutes extends AllDirectives {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SYMBOL_INVALID = 10001;
  /** Marks the end of the client's side; compared by identity, so no frame can be taken for it. */
  private static final String CLIENT_CLOSED = new String("client closed");

  private final SimulatedExchange sim;
  private final AtomicLong restRequests = new AtomicLong();

  public BybitSimRoutes(SimulatedExchange sim) {
    this.sim = sim;
  }

  public Route route() {
    return concat(
        path(PathMatchers.segment("v5").slash("public").slash("linear"),
            () -> extractRequest(request -> handleWebSocketMessages(connection()))),
        pathPrefix(PathMatchers.segment("v5").slash("market"), () -> get(() -> concat(
            path("instruments-info", () -> rest(this::instruments)),
            path("kline", () -> rest(this::klines)),
            path("open-interest", () -> rest(this::openInterest)),
            path("account-ratio", () -> rest(this::ratios))))));
  }

  /** REST requests that reached the simulator, refused ones included: tests count them. */
  public long restRequests() {
    return restRequests.get();
  }

  /** The simulated Bybit market of a wire symbol, or null. */
  static MarketId market(SimulatedExchange sim, String symbol) {
    try {
      MarketId market = new MarketId(Exchange.BYBIT, symbol);
      return sim.has(market) ? market : null;
    } catch (InvalidMarketIdException e) {
      return null;
    }
  }

  // ---- WebSocket ----

  private Flow<Message, Message, NotUsed> connection() {
    String connId = UUID.randomUUID().toString();
    return Flow.<Message>create()
        .flatMapConcat(BybitSimRoutes::text)
        // The subscriptions never end by themselves: when the client closes its side, so does this one.
        .concat(Source.single(CLIENT_CLOSED))
        .flatMapMerge(1024, text -> text == CLIENT_CLOSED ? Source.single(text) : answer(text, connId))
        .takeWhile(frame -> frame != CLIENT_CLOSED)
        .filter(frame -> !sim.faults().silent(Exchange.BYBIT))
        .map(frame -> (Message) TextMessage.create(frame))
        .via(sim.faults().connections(Exchange.BYBIT).flow());
  }

  /** A text frame's whole text (it may arrive streamed); binary frames are drained and dropped. */
  private static Source<String, ?> text(Message message) {
    if (message.isText()) {
      return message.asTextMessage().getStreamedText().fold("", String::concat);
    }
    return message.asBinaryMessage().getStreamedData().filter(bytes -> false).map(bytes -> "");
  }

  private Source<String, NotUsed> answer(String text, String connId) {
    JsonNode request;
    try {
      request = JSON.readTree(text);
    } catch (Exception e) {
      return Source.single(opAnswer(false, "error:request not json", connId, "", ""));
    }
    String op = request.path("op").asText("");
    String reqId = request.path("req_id").asText("");
    if (op.equals("ping")) {
      return Source.single(opAnswer(true, "pong", connId, reqId, "ping"));
    }
    if (!op.equals("subscribe")) {
      return Source.single(opAnswer(false, "error:handler not found,op:" + op, connId, reqId, op));
    }
    List<Source<String, NotUsed>> topics = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (JsonNode arg : request.path("args")) {
      Optional<Source<String, NotUsed>> topic = BybitSimStream.topic(sim, arg.asText());
      if (topic.isPresent()) {
        topics.add(topic.get().map(this::maybeMalformed));
      } else {
        unknown.add(arg.asText());
      }
    }
    String ack = unknown.isEmpty()
        ? opAnswer(true, "", connId, reqId, "subscribe")
        : opAnswer(false, "error:handler not found,topics:" + String.join(",", unknown), connId, reqId, "subscribe");
    return Source.single(ack).concat(Source.from(topics).flatMapMerge(Math.max(1, topics.size()), topic -> topic));
  }

  private String maybeMalformed(String frame) {
    return sim.faults().takeMalformed(Exchange.BYBIT) ? frame.substring(0, frame.length() / 2) : frame;
  }

  private static String opAnswer(boolean success, String retMsg, String connId, String reqId, String op) {
    ObjectNode answer = JSON.createObjectNode()
        .put("success", success).put("ret_msg", retMsg).put("conn_id", connId).put("req_id", reqId).put("op", op);
    return answer.toString();
  }

  // ---- REST ----

  private Route rest(BiFunction<MarketId, Map<String, String>, ObjectNode> result) {
    return parameterMap(params -> complete(answer(params, result)));
  }

  private HttpResponse answer(Map<String, String> params, BiFunction<MarketId, Map<String, String>, ObjectNode> result) {
    restRequests.incrementAndGet();
    int retryAfter = sim.faults().takeRateLimit(Exchange.BYBIT);
    if (retryAfter >= 0) {
      sim.faults().refused(Exchange.BYBIT);
      return HttpResponse.create().withStatus(StatusCodes.TOO_MANY_REQUESTS)
          .addHeader(RawHeader.create("Retry-After", Integer.toString(retryAfter)))
          .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "access too frequent"));
    }
    if (!"linear".equals(params.get("category"))) {
      return envelope(SYMBOL_INVALID, "params error: category invalid", JSON.createObjectNode());
    }
    MarketId market = market(sim, params.getOrDefault("symbol", ""));
    if (market == null) {
      return envelope(SYMBOL_INVALID, "params error: symbol invalid", JSON.createObjectNode());
    }
    try {
      return envelope(0, "OK", result.apply(market, params));
    } catch (NumberFormatException e) {
      return envelope(SYMBOL_INVALID, "params error: " + e.getMessage(), JSON.createObjectNode());
    }
  }

  private HttpResponse envelope(int retCode, String retMsg, ObjectNode result) {
    ObjectNode body = JSON.createObjectNode().put("retCode", retCode).put("retMsg", retMsg);
    body.set("result", result);
    body.putObject("retExtInfo");
    body.put("time", sim.clock().millis());
    return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }

  private ObjectNode instruments(MarketId market, Map<String, String> params) {
    double startPrice = sim.read(market, simulated -> simulated.spec().startPrice());
    int scale = BybitSimFormat.priceScale(startPrice);
    ObjectNode result = JSON.createObjectNode().put("category", "linear");
    ObjectNode instrument = result.putArray("list").addObject()
        .put("symbol", market.symbol())
        .put("contractType", "LinearPerpetual")
        .put("status", "Trading")
        .put("baseCoin", market.baseAsset())
        .put("quoteCoin", market.symbol().substring(market.baseAsset().length()))
        .put("settleCoin", "USDT")
        .put("priceScale", Integer.toString(scale))
        .put("fundingInterval", 480);
    instrument.putObject("priceFilter").put("tickSize", BybitSimFormat.price(Math.pow(10, -scale), scale));
    instrument.putObject("lotSizeFilter").put("qtyStep", "0.000001").put("minOrderQty", "0.000001");
    result.put("nextPageCursor", "");
    return result;
  }

  private ObjectNode klines(MarketId market, Map<String, String> params) {
    long start = longParam(params, "start", 0);
    long end = longParam(params, "end", Long.MAX_VALUE);
    int limit = (int) Math.min(1000, longParam(params, "limit", 200));
    int scale = BybitSimFormat.priceScale(sim.read(market, simulated -> simulated.spec().startPrice()));
    List<SimCandle> candles = sim.read(market, simulated -> simulated.candles());
    ObjectNode result = JSON.createObjectNode().put("symbol", market.symbol()).put("category", "linear");
    ArrayNode list = result.putArray("list");
    int added = 0;
    for (int i = candles.size() - 1; i >= 0 && added < limit; i--) {
      SimCandle candle = candles.get(i);
      if (candle.openTimeMs() < start || candle.openTimeMs() > end) {
        continue;
      }
      list.addArray()
          .add(Long.toString(candle.openTimeMs()))
          .add(BybitSimFormat.price(candle.open(), scale))
          .add(BybitSimFormat.price(candle.high(), scale))
          .add(BybitSimFormat.price(candle.low(), scale))
          .add(BybitSimFormat.price(candle.close(), scale))
          .add(BybitSimFormat.size(candle.volume()))
          .add(BybitSimFormat.usd(candle.quoteVolume()));
      added++;
    }
    return result;
  }

  private ObjectNode openInterest(MarketId market, Map<String, String> params) {
    ObjectNode result = JSON.createObjectNode().put("symbol", market.symbol()).put("category", "linear");
    ArrayNode list = result.putArray("list");
    for (SimHistoryPoint point : historyPage(market, params, "intervalTime", 200)) {
      list.addObject().put("openInterest", BybitSimFormat.size(point.oiBase())).put("timestamp", Long.toString(point.timeMs()));
    }
    result.put("nextPageCursor", "");
    return result;
  }

  private ObjectNode ratios(MarketId market, Map<String, String> params) {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode list = result.putArray("list");
    for (SimHistoryPoint point : historyPage(market, params, "period", 500)) {
      list.addObject()
          .put("symbol", market.symbol())
          .put("buyRatio", BybitSimFormat.ratio(point.longAccountShare()))
          .put("sellRatio", BybitSimFormat.ratio(1 - point.longAccountShare()))
          .put("timestamp", Long.toString(point.timeMs()));
    }
    result.put("nextPageCursor", "");
    return result;
  }

  /** Five-minute points from startTime to endTime, newest first, at most limit (default 50) of them. */
  private List<SimHistoryPoint> historyPage(MarketId market, Map<String, String> params, String periodParam, int maxLimit) {
    if (!"5min".equals(params.get(periodParam))) {
      throw new NumberFormatException(periodParam + " invalid");
    }
    long start = longParam(params, "startTime", 0);
    long end = longParam(params, "endTime", Long.MAX_VALUE);
    int limit = (int) Math.min(maxLimit, longParam(params, "limit", 50));
    List<SimHistoryPoint> points = sim.read(market, simulated -> simulated.history());
    List<SimHistoryPoint> page = new ArrayList<>();
    for (int i = points.size() - 1; i >= 0 && page.size() < limit; i--) {
      SimHistoryPoint point = points.get(i);
      if (point.timeMs() >= start && point.timeMs() <= end) {
        page.add(point);
      }
    }
    return page;
  }

  private static long longParam(Map<String, String> params, String name, long fallback) {
    String value = params.get(name);
    return value == null ? fallback : Long.parseLong(value);
  }
}
