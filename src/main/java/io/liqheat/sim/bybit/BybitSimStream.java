package io.liqheat.sim.bybit;

import io.liqheat.market.MarketId;
import io.liqheat.sim.SimEvent;
import io.liqheat.sim.SimulatedExchange;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The frames of one topic subscription, rendered as Bybit's v5 linear stream sends them:
 * {@code publicTrade} batches, a {@code tickers} snapshot followed by deltas of the changed fields,
 * and {@code allLiquidation} batches (S is the liquidated position's side: Buy for a long).
 */
final class BybitSimStream {

  /** Trades of one simulated tick (100 ms) go out in one frame, as Bybit batches them. */
  private static final Duration TRADE_BATCH = Duration.ofMillis(20);
  private static final Duration LIQUIDATION_BATCH = Duration.ofMillis(100);

  private BybitSimStream() {}

  /** The frames of {@code topic}, or empty when the simulator has no such topic. */
  static Optional<Source<String, NotUsed>> topic(SimulatedExchange sim, String topic) {
    int dot = topic.indexOf('.');
    if (dot < 0 || dot != topic.lastIndexOf('.')) {
      return Optional.empty();
    }
    MarketId market = BybitSimRoutes.market(sim, topic.substring(dot + 1));
    if (market == null) {
      return Optional.empty();
    }
    int scale = BybitSimFormat.priceScale(sim.read(market, simulated -> simulated.spec().startPrice()));
    String kind = topic.substring(0, dot);
    return switch (kind) {
      case "publicTrade" -> Optional.of(trades(sim, market, scale));
      case "tickers" -> Optional.of(tickers(sim, market, scale));
      case "allLiquidation" -> Optional.of(liquidations(sim, market, scale));
      default -> Optional.empty();
    };
  }

  private static Source<String, NotUsed> trades(SimulatedExchange sim, MarketId market, int scale) {
    return sim.events(market)
        .filter(event -> event instanceof SimEvent.Trade)
        .map(event -> (SimEvent.Trade) event)
        .groupedWithin(500, TRADE_BATCH)
        .statefulMapConcat(() -> {
          double[] previous = {Double.NaN};
          return batch -> List.of(tradeFrame(market, batch, scale, previous));
        });
  }

  private static String tradeFrame(MarketId market, List<SimEvent.Trade> trades, int scale, double[] previous) {
    StringBuilder frame = new StringBuilder(64 + trades.size() * 160);
    frame.append("{\"topic\":\"publicTrade.").append(market.symbol()).append("\",\"type\":\"snapshot\",\"ts\":")
        .append(trades.get(trades.size() - 1).timeMs()).append(",\"data\":[");
    for (int i = 0; i < trades.size(); i++) {
      SimEvent.Trade trade = trades.get(i);
      String tick = Double.isNaN(previous[0]) || trade.price() == previous[0]
          ? "ZeroPlusTick" : trade.price() > previous[0] ? "PlusTick" : "MinusTick";
      previous[0] = trade.price();
      frame.append(i == 0 ? "{" : ",{")
          .append("\"T\":").append(trade.timeMs())
          .append(",\"s\":\"").append(market.symbol())
          .append("\",\"S\":\"").append(trade.takerBuy() ? "Buy" : "Sell")
          .append("\",\"v\":\"").append(BybitSimFormat.size(trade.size()))
          .append("\",\"p\":\"").append(BybitSimFormat.price(trade.price(), scale))
          .append("\",\"L\":\"").append(tick)
          .append("\",\"i\":\"").append(trade.tradeId())
          .append("\",\"BT\":false}");
    }
    return frame.append("]}").toString();
  }

  private static Source<String, NotUsed> liquidations(SimulatedExchange sim, MarketId market, int scale) {
    return sim.events(market)
        .filter(event -> event instanceof SimEvent.Liquidation)
        .map(event -> (SimEvent.Liquidation) event)
        .groupedWithin(100, LIQUIDATION_BATCH)
        .map(batch -> {
          StringBuilder frame = new StringBuilder("{\"topic\":\"allLiquidation.").append(market.symbol())
              .append("\",\"type\":\"snapshot\",\"ts\":").append(batch.get(batch.size() - 1).timeMs()).append(",\"data\":[");
          for (int i = 0; i < batch.size(); i++) {
            SimEvent.Liquidation liquidation = batch.get(i);
            frame.append(i == 0 ? "{" : ",{")
                .append("\"T\":").append(liquidation.timeMs())
                .append(",\"s\":\"").append(market.symbol())
                .append("\",\"S\":\"").append(liquidation.longLiquidated() ? "Buy" : "Sell")
                .append("\",\"v\":\"").append(BybitSimFormat.size(liquidation.size()))
                .append("\",\"p\":\"").append(BybitSimFormat.price(liquidation.price(), scale))
                .append("\"}");
          }
          return frame.append("]}").toString();
        });
  }

  /** A snapshot of the market now, then one delta per change, each with only the fields that changed. */
  private static Source<String, NotUsed> tickers(SimulatedExchange sim, MarketId market, int scale) {
    TickerFields now = sim.read(market, simulated -> {
      TickerFields fields = new TickerFields();
      fields.markPrice = BybitSimFormat.price(simulated.markPrice(), scale);
      fields.openInterest = BybitSimFormat.size(simulated.openInterestBase());
      fields.openInterestValue = BybitSimFormat.usd(simulated.openInterestBase() * simulated.markPrice());
      fields.timeMs = simulated.timeMs();
      return fields;
    });
    String snapshot = tickerFrame(market, "snapshot", now.timeMs, now, null);
    Source<String, NotUsed> deltas = sim.events(market)
        .filter(event -> event instanceof SimEvent.Mark || event instanceof SimEvent.OpenInterest)
        .statefulMapConcat(() -> {
          TickerFields sent = now.copy();
          return event -> {
            TickerFields next = sent.copy();
            if (event instanceof SimEvent.Mark mark) {
              next.markPrice = BybitSimFormat.price(mark.markPrice(), scale);
              next.indexPrice = BybitSimFormat.price(mark.indexPrice(), scale);
              next.fundingRate = BybitSimFormat.ratio(mark.fundingRate());
              next.nextFundingTime = Long.toString(mark.nextFundingMs());
            } else if (event instanceof SimEvent.OpenInterest openInterest) {
              next.openInterest = BybitSimFormat.size(openInterest.oiBase());
              next.openInterestValue = BybitSimFormat.usd(openInterest.oiUsd());
            }
            String frame = tickerFrame(market, "delta", event.timeMs(), next, sent);
            sent.assign(next);
            return frame == null ? List.of() : List.of(frame);
          };
        });
    return Source.single(snapshot).concat(deltas);
  }

  /** The frame with the fields of {@code fields} that differ from {@code sent} (all when null); null if none do. */
  private static String tickerFrame(MarketId market, String type, long timeMs, TickerFields fields, TickerFields sent) {
    StringBuilder data = new StringBuilder("{\"symbol\":\"").append(market.symbol()).append('"');
    int changed = 0;
    if (sent == null) {
      data.append(",\"lastPrice\":\"").append(fields.markPrice).append('"');
    }
    changed += field(data, "markPrice", fields.markPrice, sent == null ? null : sent.markPrice);
    changed += field(data, "indexPrice", fields.indexPrice, sent == null ? null : sent.indexPrice);
    changed += field(data, "openInterest", fields.openInterest, sent == null ? null : sent.openInterest);
    changed += field(data, "openInterestValue", fields.openInterestValue, sent == null ? null : sent.openInterestValue);
    changed += field(data, "fundingRate", fields.fundingRate, sent == null ? null : sent.fundingRate);
    changed += field(data, "nextFundingTime", fields.nextFundingTime, sent == null ? null : sent.nextFundingTime);
    if (sent != null && changed == 0) {
      return null;
    }
    return "{\"topic\":\"tickers." + market.symbol() + "\",\"type\":\"" + type + "\",\"data\":" + data.append('}')
        + ",\"cs\":" + timeMs + ",\"ts\":" + timeMs + "}";
  }

  private static int field(StringBuilder data, String name, String value, String sent) {
    if (value == null || Objects.equals(value, sent)) {
      return 0;
    }
    data.append(",\"").append(name).append("\":\"").append(value).append('"');
    return 1;
  }

  /** The rendered ticker fields; null for one not known yet. */
  private static final class TickerFields {
    long timeMs;
    String markPrice;
    String indexPrice;
    String openInterest;
    String openInterestValue;
    String fundingRate;
    String nextFundingTime;

    TickerFields copy() {
      TickerFields copy = new TickerFields();
      copy.assign(this);
      return copy;
    }

    void assign(TickerFields other) {
      timeMs = other.timeMs;
      markPrice = other.markPrice;
      indexPrice = other.indexPrice;
      openInterest = other.openInterest;
      openInterestValue = other.openInterestValue;
      fundingRate = other.fundingRate;
      nextFundingTime = other.nextFundingTime;
    }
  }
}
