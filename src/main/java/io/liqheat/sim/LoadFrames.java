package io.liqheat.sim;

import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.market.Windows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Pre-rendered trade frames in an exchange's wire format, for the ingest load test: rendering JSON
 * per message would make the simulator, not liqheat, the bottleneck, so frames are rendered once and
 * replayed in a loop.
 *
 * <p>Every frame's exchange time lies within the first second of one five-minute window. The loop
 * therefore never advances the watermark: no window freezes and no replayed trade is late, so each
 * trade costs the entity what a live trade costs. Freezing is measured by the replay benchmark.
 */
public final class LoadFrames {

  private LoadFrames() {}

  /**
   * The window the loop's trades belong in, given the exchange clock {@code nowMs}: the next one.
   * Not the current one, which would freeze under the loop when the clock crosses its end; not one
   * further ahead, which would freeze the current window at the first trade and turn every REST input
   * still dated now (OI and ratio polls, answered from the same clock) late. With the loop in the
   * first second of the next window and the grace longer than that second, the current window stays
   * open for those polls.
   */
  public static long loopWindowStart(long nowMs) {
    return Windows.startOf(nowMs) + Windows.WINDOW_MS;
  }

  /** A frame and the number of trades it carries. */
  public record Frame(String text, int trades) {}

  /**
   * {@code framesPerMarket} frames for each market, interleaved across markets; Binance frames
   * carry one trade each (aggTrade), Bybit and OKX frames carry {@code tradesPerFrame}.
   */
  public static List<Frame> render(Exchange exchange, List<MarketId> markets, int framesPerMarket, int tradesPerFrame,
      long windowStartMs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Frame> frames = new ArrayList<>(markets.size() * framesPerMarket);
    long tradeId = 1;
    for (int i = 0; i < framesPerMarket; i++) {
      for (MarketId market : markets) {
        long time = windowStartMs + (long) i * 1000 / framesPerMarket;
        int trades = exchange == Exchange.BINANCE ? 1 : tradesPerFrame;
        StringBuilder text = new StringBuilder(160 * trades);
        switch (exchange) {
          case BINANCE -> binanceAggTrade(text, market, time, tradeId, random);
          case BYBIT -> bybitPublicTrade(text, market, time, tradeId, trades, random);
          case OKX -> okxTrades(text, market, time, tradeId, trades, random);
          default -> throw new IllegalArgumentException(exchange.id());
        }
        tradeId += trades;
        frames.add(new Frame(text.toString(), trades));
      }
    }
    return frames;
  }

  private static void binanceAggTrade(StringBuilder out, MarketId market, long time, long id, SplittableRandom random) {
    String stream = market.symbol().toLowerCase(Locale.ROOT) + "@aggTrade";
    out.append("{\"stream\":\"").append(stream).append("\",\"data\":{\"e\":\"aggTrade\",\"E\":").append(time + 3)
        .append(",\"a\":").append(id).append(",\"s\":\"").append(market.symbol()).append("\",\"p\":\"")
        .append(price(random)).append("\",\"q\":\"").append(size(random)).append("\",\"f\":").append(id)
        .append(",\"l\":").append(id).append(",\"T\":").append(time).append(",\"m\":").append(random.nextBoolean())
        .append("}}");
  }

  private static void bybitPublicTrade(StringBuilder out, MarketId market, long time, long id, int trades,
      SplittableRandom random) {
    out.append("{\"topic\":\"publicTrade.").append(market.symbol()).append("\",\"type\":\"snapshot\",\"ts\":")
        .append(time + 3).append(",\"data\":[");
    for (int t = 0; t < trades; t++) {
      out.append(t == 0 ? "" : ",").append("{\"T\":").append(time).append(",\"s\":\"").append(market.symbol())
          .append("\",\"S\":\"").append(random.nextBoolean() ? "Buy" : "Sell").append("\",\"v\":\"").append(size(random))
          .append("\",\"p\":\"").append(price(random)).append("\",\"L\":\"PlusTick\",\"i\":\"").append(id + t)
          .append("\",\"BT\":false}");
    }
    out.append("]}");
  }

  private static void okxTrades(StringBuilder out, MarketId market, long time, long id, int trades,
      SplittableRandom random) {
    out.append("{\"arg\":{\"channel\":\"trades\",\"instId\":\"").append(market.symbol()).append("\"},\"data\":[");
    for (int t = 0; t < trades; t++) {
      out.append(t == 0 ? "" : ",").append("{\"instId\":\"").append(market.symbol()).append("\",\"tradeId\":\"")
          .append(id + t).append("\",\"px\":\"").append(price(random)).append("\",\"sz\":\"")
          .append(1 + random.nextInt(20)).append("\",\"side\":\"").append(random.nextBoolean() ? "buy" : "sell")
          .append("\",\"ts\":\"").append(time).append("\",\"count\":\"1\"}");
    }
    out.append("]}");
  }

  private static String price(SplittableRandom random) {
    return String.format(Locale.ROOT, "%.1f", 96_000 + random.nextDouble(-500, 500));
  }

  private static String size(SplittableRandom random) {
    return String.format(Locale.ROOT, "%.3f", 0.001 + random.nextDouble(2));
  }
}
