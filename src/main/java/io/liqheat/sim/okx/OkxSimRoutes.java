package io.liqheat.sim.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqheat.market.Exchange;
import io.liqheat.market.InvalidMarketIdException;
import io.liqheat.market.MarketId;
import io.liqheat.sim.SimCandle;
import io.liqheat.sim.SimHistoryPoint;
import io.liqheat.sim.SimMarketSpec;
import io.liqheat.sim.SimulatedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;

/**
 * OKX's side of the simulator: the public WebSocket ({@code /ws/v5/public}: subscribe with acks,
 * text ping/pong, trades, open-interest, mark-price and liquidation-orders) and the REST endpoints
 * the connector uses, in OKX's JSON, sizes in contracts of the market's {@code contractSize}.
 * Every request and connection honours {@link io.liqheat.sim.SimFaults}.
 */
public final class OkxSimRoutes extends AllDirectives {

  private static final long FIVE_MINUTES_MS = 300_000;
  private static final long TWO_DAYS_MS = 2 * 24 * 3_600_000L;
  private static final int MAX_CANDLES = 100;
  private static final Set<String> PER_INSTRUMENT_CHANNELS = Set.of("trades", "open-interest", "mark-price");
  private final SimulatedExchange sim;

  public OkxSimRoutes(SimulatedExchange sim) {
    this.sim = sim;
  }

  public Route route() {
    return concat(
        path(PathMatchers.segment("ws").slash("v5").slash("public"),
            () -> extractMaterializer(materializer -> handleWebSocketMessages(socket(materializer)))),
        get(() -> pathPrefix(PathMatchers.segment("api").slash("v5"), () -> concat(
            path(PathMatchers.segment("public").slash("instruments"), () ->
                parameterOptional("instType", type -> parameterOptional("instId", instId ->
                    rest(() -> instruments(type, instId))))),
            path(PathMatchers.segment("market").slash("history-candles"), () ->
                parameterOptional("instId", instId -> parameterOptional("bar", bar ->
                    parameterOptional("after", after -> parameterOptional("before", before ->
                        parameterOptional("limit", limit -> rest(() -> candles(instId, bar, after, before, limit)))))))),
            path(PathMatchers.segment("rubik").slash("stat").slash("contracts").slash("open-interest-volume"), () ->
                statistics((ccy, specs, points) -> openInterestVolume(specs, points))),
            path(PathMatchers.segment("rubik").slash("stat").slash("contracts").slash("long-short-account-ratio"), () ->
                statistics((ccy, specs, points) -> ratios(points)))))));
  }

  // ---- REST ----

  /** Answers a REST call, or 429 with Retry-After (and OKX's 50011 body) while a rate limit is injected. */
  private Route rest(Supplier<String> answer) {
    int retryAfter = sim.faults().takeRateLimit(Exchange.OKX);
    if (retryAfter >= 0) {
      sim.faults().refused(Exchange.OKX);
      return complete(HttpResponse.create().withStatus(StatusCodes.TOO_MANY_REQUESTS)
          .addHeader(RawHeader.create("Retry-After", Integer.toString(retryAfter)))
          .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, OkxSimWire.error("50011", "Too Many Requests"))));
    }
    return complete(HttpResponse.create().withStatus(StatusCodes.OK)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, answer.get())));
  }

  private Optional<SimMarketSpec> spec(String instId) {
    try {
      MarketId market = OkxSimWire.market(instId);
      return sim.has(market) ? Optional.of(sim.read(market, simulated -> simulated.spec())) : Optional.empty();
    } catch (InvalidMarketIdException e) {
      return Optional.empty();
    }
  }

  private String instruments(Optional<String> type, Optional<String> instId) {
    if (type.isEmpty() || type.get().isEmpty()) {
      return OkxSimWire.error("50014", "Parameter instType can not be empty");
    }
    if (!"SWAP".equals(type.get())) {
      return OkxSimWire.ok(OkxSimWire.JSON.createArrayNode());
    }
    ArrayNode data = OkxSimWire.JSON.createArrayNode();
    if (instId.isPresent() && !instId.get().isEmpty()) {
      Optional<SimMarketSpec> spec = spec(instId.get());
      if (spec.isEmpty()) {
        return OkxSimWire.error("51001", "Instrument ID does not exist");
      }
      data.add(OkxSimWire.instrument(spec.get()));
    } else {
      for (MarketId market : sim.markets(Exchange.OKX)) {
        data.add(OkxSimWire.instrument(sim.read(market, simulated -> simulated.spec())));
      }
    }
    return OkxSimWire.ok(data);
  }

  private String candles(Optional<String> instId, Optional<String> bar, Optional<String> after, Optional<String> before,
      Optional<String> limit) {
    if (instId.isEmpty() || instId.get().isEmpty()) {
      return OkxSimWire.error("50014", "Parameter instId can not be empty");
    }
    Optional<SimMarketSpec> spec = spec(instId.get());
    if (spec.isEmpty()) {
      return OkxSimWire.error("51001", "Instrument ID does not exist");
    }
    if (!"1m".equals(bar.orElse("1m"))) {
      return OkxSimWire.error("51000", "Parameter bar error");
    }
    long upper;
    long lower;
    int count;
    try {
      upper = after.filter(s -> !s.isEmpty()).map(Long::parseLong).orElse(Long.MAX_VALUE);
      lower = before.filter(s -> !s.isEmpty()).map(Long::parseLong).orElse(Long.MIN_VALUE);
      count = Math.min(MAX_CANDLES, limit.filter(s -> !s.isEmpty()).map(Integer::parseInt).orElse(MAX_CANDLES));
    } catch (NumberFormatException e) {
      return OkxSimWire.error("51000", "Parameter after, before or limit error");
    }
    List<SimCandle> candles = sim.read(spec.get().market(), simulated -> simulated.candles());
    ArrayNode data = OkxSimWire.JSON.createArrayNode();
    // Newest first, strictly between `before` and `after`, as OKX pages.
    for (int i = candles.size() - 1; i >= 0 && data.size() < count; i--) {
      SimCandle candle = candles.get(i);
      if (candle.openTimeMs() < upper && candle.openTimeMs() > lower) {
        data.add(OkxSimWire.candle(candle, spec.get()));
      }
    }
    return OkxSimWire.ok(data);
  }

  @FunctionalInterface
  private interface Statistic {
    ArrayNode rows(String ccy, List<SimMarketSpec> specs, List<List<SimHistoryPoint>> points);
  }

  /** The trading-statistics endpoints: per currency, 5-minute points, newest first, at most two days back. */
  private Route statistics(Statistic statistic) {
    return parameterOptional("ccy", ccy -> parameterOptional("period", period ->
        parameterOptional("begin", begin -> parameterOptional("end", end -> rest(() -> {
          if (ccy.isEmpty() || ccy.get().isEmpty()) {
            return OkxSimWire.error("50014", "Parameter ccy can not be empty");
          }
          if (!"5m".equals(period.orElse("5m"))) {
            return OkxSimWire.error("51000", "Parameter period error");
          }
          List<SimMarketSpec> specs = new ArrayList<>();
          for (MarketId market : sim.markets(Exchange.OKX)) {
            if (market.baseAsset().equals(ccy.get())) {
              specs.add(sim.read(market, simulated -> simulated.spec()));
            }
          }
          if (specs.isEmpty()) {
            return OkxSimWire.error("51000", "Parameter ccy error");
          }
          long from;
          long to;
          try {
            to = end.filter(s -> !s.isEmpty()).map(Long::parseLong).orElse(Long.MAX_VALUE);
            from = begin.filter(s -> !s.isEmpty()).map(Long::parseLong).orElse(Long.MIN_VALUE);
          } catch (NumberFormatException e) {
            return OkxSimWire.error("51000", "Parameter begin or end error");
          }
          long now = sim.clock().millis();
          long earliest = Math.max(from, now - TWO_DAYS_MS);
          List<List<SimHistoryPoint>> points = new ArrayList<>();
          for (SimMarketSpec spec : specs) {
            points.add(sim.read(spec.market(), simulated -> simulated.history()).stream()
                .filter(point -> point.timeMs() >= earliest && point.timeMs() <= to).toList());
          }
          return OkxSimWire.ok(statistic.rows(ccy.get(), specs, points));
        })))));
  }

  /** OKX sums open interest and volume over all of a currency's contracts. */
  private ArrayNode openInterestVolume(List<SimMarketSpec> specs, List<List<SimHistoryPoint>> points) {
    TreeMap<Long, double[]> byTime = new TreeMap<>();
    for (int m = 0; m < specs.size(); m++) {
      List<SimCandle> candles = sim.read(specs.get(m).market(), simulated -> simulated.candles());
      for (SimHistoryPoint point : points.get(m)) {
        double volume = 0;
        for (SimCandle candle : candles) {
          if (candle.openTimeMs() >= point.timeMs() - FIVE_MINUTES_MS && candle.openTimeMs() < point.timeMs()) {
            volume += candle.quoteVolume();
          }
        }
        double[] sums = byTime.computeIfAbsent(point.timeMs(), t -> new double[2]);
        sums[0] += point.oiUsd();
        sums[1] += volume;
      }
    }
    ArrayNode data = OkxSimWire.JSON.createArrayNode();
    for (Map.Entry<Long, double[]> entry : byTime.descendingMap().entrySet()) {
      data.add(OkxSimWire.openInterestVolume(entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
    }
    return data;
  }

  /** The account ratio of the currency's first market (the simulator has one per currency and exchange). */
  private static ArrayNode ratios(List<List<SimHistoryPoint>> points) {
    ArrayNode data = OkxSimWire.JSON.createArrayNode();
    List<SimHistoryPoint> first = points.get(0);
    for (int i = first.size() - 1; i >= 0; i--) {
      data.add(OkxSimWire.ratio(first.get(i)));
    }
    return data;
  }

  // ---- WebSocket ----

  /** What one connection subscribed to: "channel|instId" keys, and whether it takes the swaps' liquidations. */
  private static final class Subscriptions {
    final Set<String> channels = ConcurrentHashMap.newKeySet();
    volatile boolean liquidations;

    boolean wants(String channel, String instId) {
      return "liquidation-orders".equals(channel) ? liquidations : channels.contains(channel + "|" + instId);
    }
  }

  private Flow<Message, Message, NotUsed> socket(Materializer materializer) {
    // Read at connection time: a drop replaces the switch, and only connections open then are cut.
    SharedKillSwitch connections = sim.faults().connections(Exchange.OKX);
    String connId = Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
    Subscriptions subscriptions = new Subscriptions();
    Source<String, NotUsed> data = Source.from(sim.markets(Exchange.OKX))
        .flatMapMerge(Math.max(1, sim.markets(Exchange.OKX).size()), market -> {
          SimMarketSpec spec = sim.read(market, simulated -> simulated.spec());
          return sim.events(market)
              .filter(event -> subscriptions.wants(channelOf(event), market.symbol()))
              .map(event -> Optional.ofNullable(OkxSimWire.push(spec, event)))
              .filter(Optional::isPresent)
              .map(Optional::get);
        })
        .concat(Source.maybe().mapMaterializedValue(promise -> NotUsed.getInstance()).map(Object::toString))
        .filter(text -> !sim.faults().silent(Exchange.OKX))
        .map(text -> sim.faults().takeMalformed(Exchange.OKX) ? text.substring(0, text.length() / 2) : text);
    return Flow.of(Message.class)
        .mapAsync(1, message -> text(message, materializer))
        .mapConcat(text -> replies(text, subscriptions, connId))
        .filter(text -> !sim.faults().silent(Exchange.OKX))
        .merge(data, true)
        .map(text -> (Message) TextMessage.create(text))
        .via(connections.flow());
  }

  private static String channelOf(io.liqheat.sim.SimEvent event) {
    if (event instanceof io.liqheat.sim.SimEvent.Trade) {
      return "trades";
    }
    if (event instanceof io.liqheat.sim.SimEvent.Mark) {
      return "mark-price";
    }
    if (event instanceof io.liqheat.sim.SimEvent.OpenInterest) {
      return "open-interest";
    }
    return "liquidation-orders";
  }

  private static CompletionStage<String> text(Message message, Materializer materializer) {
    if (!message.isText()) {
      message.asBinaryMessage().getStreamedData().runWith(org.apache.pekko.stream.javadsl.Sink.ignore(), materializer);
      return CompletableFuture.completedFuture("");
    }
    TextMessage text = message.asTextMessage();
    return text.isStrict()
        ? CompletableFuture.completedFuture(text.getStrictText())
        : text.toStrict(5_000, materializer).thenApply(TextMessage::getStrictText);
  }

  private List<String> replies(String text, Subscriptions subscriptions, String connId) {
    if ("ping".equals(text)) {
      return List.of("pong");
    }
    JsonNode request;
    try {
      request = OkxSimWire.JSON.readTree(text);
    } catch (Exception e) {
      request = null;
    }
    String op = request == null ? "" : request.path("op").asText("");
    JsonNode args = request == null ? null : request.get("args");
    if (!("subscribe".equals(op) || "unsubscribe".equals(op)) || args == null || !args.isArray()) {
      return List.of(OkxSimWire.wsError("60012", "Invalid request: " + text, connId));
    }
    boolean subscribe = "subscribe".equals(op);
    List<String> replies = new ArrayList<>();
    for (JsonNode arg : args) {
      String channel = arg.path("channel").asText("");
      String instId = arg.path("instId").asText("");
      ObjectNode echo = OkxSimWire.JSON.createObjectNode().put("channel", channel);
      if ("liquidation-orders".equals(channel) && "SWAP".equals(arg.path("instType").asText(""))) {
        subscriptions.liquidations = subscribe;
        echo.put("instType", "SWAP");
      } else if (PER_INSTRUMENT_CHANNELS.contains(channel) && spec(instId).isPresent()) {
        if (subscribe) {
          subscriptions.channels.add(channel + "|" + instId);
        } else {
          subscriptions.channels.remove(channel + "|" + instId);
        }
        echo.put("instId", instId);
      } else {
        replies.add(OkxSimWire.wsError("60018",
            "Wrong URL or channel:" + channel + ",instId:" + instId + " doesn't exist", connId));
        continue;
      }
      replies.add(OkxSimWire.acknowledged(op, echo, connId));
    }
    return replies;
  }
}
