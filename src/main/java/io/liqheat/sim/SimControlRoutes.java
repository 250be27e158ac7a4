package io.liqheat.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The simulator's own endpoints, which no exchange has: the ground truth, and fault injection.
 *
 * <ul>
 *   <li>{@code GET /sim/truth?exchange=&symbol=&binWidth=} the true liquidation notional by bin
 *   <li>{@code POST /sim/faults/{exchange}/drop} drops every WebSocket of the exchange
 *   <li>{@code POST /sim/faults/{exchange}/silence?seconds=} the exchange's streams go silent
 *   <li>{@code POST /sim/faults/{exchange}/rate-limit?count=&retryAfter=} the next REST calls get 429
 *   <li>{@code POST /sim/faults/{exchange}/malformed?count=} the next stream messages are malformed
 * </ul>
 */
public final class SimControlRoutes extends AllDirectives {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SimulatedExchange sim;

  public SimControlRoutes(SimulatedExchange sim) {
    this.sim = sim;
  }

  public Route route() {
    return pathPrefix("sim", () -> concat(
        path("truth", () -> get(() -> parameterOptional("exchange", exchange -> parameterOptional("symbol", symbol ->
            parameterOptional("binWidth", binWidth -> answer(() -> truth(exchange, symbol, binWidth))))))),
        pathPrefix("faults", () -> pathPrefix(segment -> post(() -> concat(
            path("drop", () -> answer(() -> {
              sim.faults().dropConnections(Exchange.fromId(segment));
              return ok("dropped");
            })),
            path("silence", () -> parameter("seconds", seconds -> answer(() -> {
              sim.faults().silence(Exchange.fromId(segment), Duration.ofSeconds(Long.parseLong(seconds)));
              return ok("silent");
            }))),
            path("rate-limit", () -> parameter("count", count -> parameterOptional("retryAfter", retryAfter ->
                answer(() -> {
                  sim.faults().rateLimitNext(Exchange.fromId(segment), Integer.parseInt(count),
                      Integer.parseInt(retryAfter.orElse("2")));
                  return ok("rate-limited");
                })))),
            path("malformed", () -> parameter("count", count -> answer(() -> {
              sim.faults().malformNext(Exchange.fromId(segment), Integer.parseInt(count));
              return ok("malformed");
            })))))))));
  }

  private Route answer(Supplier<HttpResponse> handler) {
    try {
      return complete(handler.get());
    } catch (IllegalArgumentException e) {
      return complete(json(StatusCodes.BAD_REQUEST, error(e.getMessage())));
    } catch (java.util.NoSuchElementException e) {
      return complete(json(StatusCodes.NOT_FOUND, error(e.getMessage())));
    }
  }

  private HttpResponse truth(Optional<String> exchange, Optional<String> symbol, Optional<String> binWidth) {
    MarketId market = new MarketId(Exchange.fromId(exchange.orElse("")), symbol.orElse(""));
    double width = Double.parseDouble(binWidth.orElse("0.001"));
    ObjectNode body = sim.read(market, simulated -> {
      List<LiquidationTruth.Bin> bins = LiquidationTruth.bins(simulated.positions(), simulated.markPrice(), width);
      ObjectNode node = JSON.createObjectNode();
      node.put("exchange", market.exchange().id());
      node.put("symbol", market.symbol());
      node.put("timeMs", simulated.timeMs());
      node.put("markPrice", simulated.markPrice());
      node.put("binWidth", width);
      node.put("openInterestBase", simulated.openInterestBase());
      node.put("openPositions", simulated.openPositions());
      ArrayNode rows = node.putArray("bins");
      for (LiquidationTruth.Bin bin : bins) {
        rows.addObject().put("low", bin.low()).put("high", bin.high()).put("longUsd", bin.longUsd()).put("shortUsd", bin.shortUsd());
      }
      return node;
    });
    return json(StatusCodes.OK, body);
  }

  private static HttpResponse ok(String done) {
    return json(StatusCodes.OK, JSON.createObjectNode().put("result", done));
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", "bad_request").put("message", message);
  }

  private static HttpResponse json(StatusCode status, ObjectNode body) {
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }
}
