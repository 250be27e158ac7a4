package io.liqheat.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimCandle;
import io.liqheat.sim.SimEvent;
import io.liqheat.sim.SimHistoryPoint;
import io.liqheat.sim.SimulatedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The simulator speaking Binance USDⓈ-M: the WebSocket paths {@code /stream?streams=a/b} (combined,
 * each message wrapped as {@code {"stream":..,"data":..}}) and {@code /ws/<stream>} (raw), the
 * SUBSCRIBE method on both, and the REST paths the connector reads, with Binance's JSON and error
 * codes. It honours {@link io.liqheat.sim.SimFaults}: connections die with the exchange's kill
 * switch, nothing is sent while silent, REST answers 429 with Retry-After while rate-limited, and
 * data messages are corrupted on request.
 */
public final class BinanceSimRoutes extends AllDirectives {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Exchange BINANCE = Exchange.BINANCE;
  private static final int KLINES_DEFAULT_LIMIT = 500;
  private static final int KLINES_MAX_LIMIT = 1500;
  private static final int DATA_DEFAULT_LIMIT = 30;
  private static final int DATA_MAX_LIMIT = 500;

  private final SimulatedExchange sim;

  public BinanceSimRoutes(SimulatedExchange sim) {
    this.sim = sim;
  }

  public Route route() {
    return concat(
        path("stream", () -> parameterOptional("streams", streams -> extractMaterializer(materializer ->
            handleWebSocketMessages(connection(streams.map(BinanceSimRoutes::split).orElse(List.of()), true, materializer))))),
        pathPrefix("ws", () -> extractMaterializer(materializer -> concat(
            pathEnd(() -> handleWebSocketMessages(connection(List.of(), false, materializer))),
            path(stream -> handleWebSocketMessages(connection(List.of(stream), false, materializer)))))),
        pathPrefix("fapi", () -> pathPrefix("v1", () -> concat(
            rest("exchangeInfo", params -> exchangeInfo()),
            rest("openInterest", params -> withMarket(params, this::openInterest)),
            rest("klines", params -> withMarket(params, market -> klines(market, params)))))),
        pathPrefix("futures", () -> pathPrefix("data", () -> concat(
            rest("openInterestHist", params -> history(params, this::openInterestRow)),
            rest("globalLongShortAccountRatio", params -> history(params, this::accountRatioRow)),
            rest("takerlongshortRatio", params -> history(params, this::takerRatioRow))))));
  }

  // ---- WebSocket ----

  /**
   * One client connection: every subscribed stream and every reply is merged into its outgoing
   * side, so SUBSCRIBE can add streams while it runs. The kill switch is read now, at connect time,
   * so a drop ends the connections open at that moment only.
   */
  private Flow<Message, Message, NotUsed> connection(List<String> streams, boolean combined, Materializer materializer) {
    Pair<Sink<String, NotUsed>, Source<String, NotUsed>> hub = MergeHub.of(String.class, 64).preMaterialize(materializer);
    // Streams attached to this connection end with it, instead of lingering on the market's hub.
    SharedKillSwitch ended = KillSwitches.shared("binance-sim-connection");
    Sink<String, NotUsed> out = Flow.of(String.class).via(ended.flow()).to(hub.first());
    streams.forEach(stream -> subscribe(stream, combined, out, materializer));
    Sink<Message, ?> incoming = Sink.foreach(message -> {
      if (message.isText() && message.asTextMessage().isStrict()) {
        onClientText(message.asTextMessage().getStrictText(), combined, out, materializer);
      } else if (message.isText()) {
        message.asTextMessage().getStreamedText().runWith(Sink.ignore(), materializer);
      } else {
        message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
      }
    });
    Source<Message, NotUsed> outgoing = hub.second()
        .filter(text -> !sim.faults().silent(BINANCE))
        .map(text -> (Message) TextMessage.create(text))
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, failure) -> ended.shutdown());
          return NotUsed.getInstance();
        });
    return Flow.fromSinkAndSourceCoupled(incoming, outgoing).via(sim.faults().connections(BINANCE).flow());
  }

  private void onClientText(String text, boolean combined, Sink<String, NotUsed> out, Materializer materializer) {
    JsonNode request;
    try {
      request = JSON.readTree(text);
    } catch (Exception e) {
      reply(out, materializer, "{\"code\":3,\"msg\":\"Invalid JSON: malformed request\"}");
      return;
    }
    JsonNode id = request.path("id");
    String method = request.path("method").asText("");
    if ("SUBSCRIBE".equals(method) || "UNSUBSCRIBE".equals(method)) {
      if ("SUBSCRIBE".equals(method)) {
        request.path("params").forEach(param -> subscribe(param.asText(), combined, out, materializer));
      }
      ObjectNode ack = JSON.createObjectNode();
      ack.putNull("result");
      ack.set("id", id);
      reply(out, materializer, ack.toString());
    } else {
      ObjectNode error = JSON.createObjectNode();
      error.putObject("error").put("code", 2).put("msg", "Invalid request: unknown method '" + method + "'");
      error.set("id", id);
      reply(out, materializer, error.toString());
    }
  }

  private static void reply(Sink<String, NotUsed> out, Materializer materializer, String text) {
    Source.single(text).runWith(out, materializer);
  }

  /** Attaches one stream to a connection; a stream of an unknown symbol or kind sends nothing, as on Binance. */
  private void subscribe(String stream, boolean combined, Sink<String, NotUsed> out, Materializer materializer) {
    for (Source<String, NotUsed> data : streamData(stream)) {
      data.map(payload -> combined ? BinanceWire.combined(stream, payload) : payload).runWith(out, materializer);
    }
  }

  /** The sources of one stream: one per market for the all-market liquidation stream. */
  private List<Source<String, NotUsed>> streamData(String stream) {
    if (stream.equals("!forceOrder@arr")) {
      return sim.markets(BINANCE).stream().map(this::liquidations).toList();
    }
    int at = stream.indexOf('@');
    MarketId market = at <= 0 ? null : market(stream.substring(0, at).toUpperCase(Locale.ROOT));
    if (market == null) {
      return List.of();
    }
    String symbol = market.symbol();
    switch (stream.substring(at + 1)) {
      case "aggTrade":
        return List.of(sim.events(market).filter(SimEvent.Trade.class::isInstance)
            .map(event -> BinanceWire.aggTrade(symbol, (SimEvent.Trade) event, corrupt())));
      case "markPrice":
      case "markPrice@1s":
        return List.of(sim.events(market).filter(SimEvent.Mark.class::isInstance)
            .map(event -> BinanceWire.markPrice(symbol, (SimEvent.Mark) event, corrupt())));
      case "forceOrder":
        return List.of(liquidations(market));
      default:
        return List.of();
    }
  }

  private Source<String, NotUsed> liquidations(MarketId market) {
    return sim.events(market).filter(SimEvent.Liquidation.class::isInstance)
        .map(event -> BinanceWire.forceOrder(market.symbol(), (SimEvent.Liquidation) event, corrupt()));
  }

  private boolean corrupt() {
    return sim.faults().takeMalformed(BINANCE);
  }

  // ---- REST ----

  /** A GET endpoint; every request first passes the simulated rate limit, as every Binance request counts. */
  private Route rest(String name, Function<Map<String, String>, HttpResponse> handler) {
    return path(name, () -> get(() -> parameterMap(params -> {
      int retryAfter = sim.faults().takeRateLimit(BINANCE);
      if (retryAfter >= 0) {
        sim.faults().refused(BINANCE);
        return complete(json(429, error(-1003, "Too many requests; current limit of IP is 2400 requests per minute."))
            .addHeader(RawHeader.create("Retry-After", Integer.toString(retryAfter))));
      }
      try {
        return complete(handler.apply(params));
      } catch (BadParameter e) {
        return complete(json(400, error(e.code, e.getMessage())));
      }
    })));
  }

  private HttpResponse withMarket(Map<String, String> params, Function<MarketId, HttpResponse> handler) {
    String symbol = params.get("symbol");
    if (symbol == null || symbol.isEmpty()) {
      throw new BadParameter(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    }
    MarketId market = market(symbol);
    if (market == null) {
      throw new BadParameter(-1121, "Invalid symbol.");
    }
    return handler.apply(market);
  }

  private MarketId market(String symbol) {
    for (MarketId market : sim.markets(BINANCE)) {
      if (market.symbol().equals(symbol)) {
        return market;
      }
    }
    return null;
  }

  private HttpResponse exchangeInfo() {
    ObjectNode body = JSON.createObjectNode();
    body.put("timezone", "UTC");
    body.put("serverTime", sim.clock().millis());
    body.put("futuresType", "U_MARGINED");
    body.putArray("rateLimits").addObject()
        .put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE").put("intervalNum", 1).put("limit", 2400);
    body.putArray("exchangeFilters");
    body.putArray("assets");
    ArrayNode symbols = body.putArray("symbols");
    for (MarketId market : sim.markets(BINANCE)) {
      ObjectNode symbol = symbols.addObject();
      symbol.put("symbol", market.symbol());
      symbol.put("pair", market.symbol());
      symbol.put("contractType", "PERPETUAL");
      symbol.put("status", "TRADING");
      symbol.put("baseAsset", market.baseAsset());
      symbol.put("quoteAsset", market.symbol().substring(market.baseAsset().length()));
      symbol.put("marginAsset", "USDT");
      symbol.put("underlyingType", "COIN");
    }
    return json(200, body);
  }

  private HttpResponse openInterest(MarketId market) {
    ObjectNode body = sim.read(market, simulated -> JSON.createObjectNode()
        .put("openInterest", BinanceWire.decimal(simulated.openInterestBase()))
        .put("symbol", market.symbol())
        .put("time", simulated.timeMs()));
    return json(200, body);
  }

  private HttpResponse klines(MarketId market, Map<String, String> params) {
    if (!"1m".equals(params.get("interval"))) {
      throw new BadParameter(-1120, "Invalid interval.");
    }
    int limit = limit(params, KLINES_DEFAULT_LIMIT, KLINES_MAX_LIMIT);
    List<SimCandle> candles = select(sim.read(market, simulated -> simulated.candles()), SimCandle::openTimeMs, params, limit);
    ArrayNode rows = JSON.createArrayNode();
    for (SimCandle candle : candles) {
      rows.addArray()
          .add(candle.openTimeMs())
          .add(BinanceWire.decimal(candle.open()))
          .add(BinanceWire.decimal(candle.high()))
          .add(BinanceWire.decimal(candle.low()))
          .add(BinanceWire.decimal(candle.close()))
          .add(BinanceWire.decimal(candle.volume()))
          .add(candle.closeTimeMs())
          .add(BinanceWire.decimal(candle.quoteVolume()))
          .add(candle.trades())
          .add(BinanceWire.decimal(candle.takerBuyVolume()))
          .add(BinanceWire.decimal(candle.volume() > 0 ? candle.quoteVolume() * candle.takerBuyVolume() / candle.volume() : 0))
          .add("0");
    }
    return json(200, rows);
  }

  private interface HistoryRow {
    void write(ObjectNode row, MarketId market, SimHistoryPoint point);
  }

  private HttpResponse history(Map<String, String> params, HistoryRow render) {
    return withMarket(params, market -> {
      if (!"5m".equals(params.get("period"))) {
        throw new BadParameter(-1120, "Invalid period.");
      }
      int limit = limit(params, DATA_DEFAULT_LIMIT, DATA_MAX_LIMIT);
      List<SimHistoryPoint> points = select(sim.read(market, simulated -> simulated.history()), SimHistoryPoint::timeMs, params, limit);
      ArrayNode rows = JSON.createArrayNode();
      points.forEach(point -> render.write(rows.addObject(), market, point));
      return json(200, rows);
    });
  }

  private void openInterestRow(ObjectNode row, MarketId market, SimHistoryPoint point) {
    row.put("symbol", market.symbol())
        .put("sumOpenInterest", BinanceWire.decimal(point.oiBase()))
        .put("sumOpenInterestValue", BinanceWire.decimal(point.oiUsd()))
        .put("timestamp", point.timeMs());
  }

  private void accountRatioRow(ObjectNode row, MarketId market, SimHistoryPoint point) {
    row.put("symbol", market.symbol())
        .put("longShortRatio", BinanceWire.decimal(point.longShortRatio()))
        .put("longAccount", BinanceWire.decimal(point.longAccountShare()))
        .put("shortAccount", BinanceWire.decimal(1 - point.longAccountShare()))
        .put("timestamp", point.timeMs());
  }

  private void takerRatioRow(ObjectNode row, MarketId market, SimHistoryPoint point) {
    double ratio = point.takerSellVolume() > 0 ? point.takerBuyVolume() / point.takerSellVolume() : 0;
    row.put("buySellRatio", BinanceWire.decimal(ratio))
        .put("sellVol", BinanceWire.decimal(point.takerSellVolume()))
        .put("buyVol", BinanceWire.decimal(point.takerBuyVolume()))
        .put("timestamp", point.timeMs());
  }

  /**
   * Rows in {@code [startTime, endTime]} (both inclusive, as Binance has them), oldest first: the
   * first {@code limit} after startTime, or the newest {@code limit} when no startTime is given.
   */
  private static <T> List<T> select(List<T> rows, ToLongFunction<T> time, Map<String, String> params, int limit) {
    long start = time(params, "startTime", Long.MIN_VALUE);
    long end = time(params, "endTime", Long.MAX_VALUE);
    List<T> inRange = new ArrayList<>();
    for (T row : rows) {
      long t = time.applyAsLong(row);
      if (t >= start && t <= end) {
        inRange.add(row);
      }
    }
    if (inRange.size() <= limit) {
      return inRange;
    }
    return params.containsKey("startTime") ? inRange.subList(0, limit) : inRange.subList(inRange.size() - limit, inRange.size());
  }

  private static long time(Map<String, String> params, String name, long absent) {
    String value = params.get(name);
    if (value == null) {
      return absent;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadParameter(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '^(-)?[0-9]{1,20}$'.");
    }
  }

  private static int limit(Map<String, String> params, int absent, int max) {
    long limit = time(params, "limit", absent);
    if (limit < 1) {
      throw new BadParameter(-1100, "Illegal characters found in parameter 'limit'.");
    }
    return (int) Math.min(limit, max);
  }

  private static List<String> split(String streams) {
    List<String> names = new ArrayList<>();
    for (String name : streams.split("/")) {
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("code", code).put("msg", message);
  }

  private static HttpResponse json(int status, JsonNode body) {
    return HttpResponse.create().withStatus(StatusCodes.get(status))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }

  /** A request parameter Binance would refuse, with Binance's error code. */
  private static final class BadParameter extends RuntimeException {
    final int code;

    BadParameter(int code, String message) {
      super(message);
      this.code = code;
    }
  }
}
