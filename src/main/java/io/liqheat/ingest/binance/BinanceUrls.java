package io.liqheat.ingest.binance;

import io.liqheat.market.MarketId;
import java.net.URI;
import java.util.List;
import java.util.StringJoiner;

/** Binance USDⓈ-M endpoints, relative to the configured {@code ws-url} and {@code rest-url}. */
public final class BinanceUrls {

  public static final String ALL_LIQUIDATIONS_STREAM = "!forceOrder@arr";
  /** Rows per page of the history endpoints: klines weigh 5 up to 1000 rows (10 above), futures/data allows 500. */
  public static final int KLINES_PAGE = 1000;
  public static final int DATA_PAGE = 500;

  private final String rest;
  private final String ws;

  public BinanceUrls(URI restUrl, URI wsUrl) {
    this.rest = trimSlash(restUrl.toString());
    this.ws = trimSlash(wsUrl.toString());
  }

  /** A combined-stream URL: trades and the 1 s mark of each market, and all liquidations once. */
  public String combinedStream(List<MarketId> markets) {
    StringJoiner streams = new StringJoiner("/");
    for (MarketId market : markets) {
      String name = BinanceSymbols.streamName(market);
      streams.add(name + "@aggTrade");
      streams.add(name + "@markPrice@1s");
    }
    streams.add(ALL_LIQUIDATIONS_STREAM);
    return ws + "/stream?streams=" + streams;
  }

  public String exchangeInfo() {
    return rest + "/fapi/v1/exchangeInfo";
  }

  public String openInterest(MarketId market) {
    return rest + "/fapi/v1/openInterest?symbol=" + market.symbol();
  }

  /** The newest five-minute account ratio point. */
  public String latestAccountRatio(MarketId market) {
    return rest + "/futures/data/globalLongShortAccountRatio?symbol=" + market.symbol() + "&period=5m&limit=1";
  }

  public String accountRatioHistory(MarketId market, long fromMs, long toMs, int limit) {
    return rest + "/futures/data/globalLongShortAccountRatio?symbol=" + market.symbol() + "&period=5m" + range(fromMs, toMs, limit);
  }

  public String openInterestHistory(MarketId market, long fromMs, long toMs, int limit) {
    return rest + "/futures/data/openInterestHist?symbol=" + market.symbol() + "&period=5m" + range(fromMs, toMs, limit);
  }

  public String klines(MarketId market, long fromMs, long toMs, int limit) {
    return rest + "/fapi/v1/klines?symbol=" + market.symbol() + "&interval=1m" + range(fromMs, toMs, limit);
  }

  /** Binance's startTime and endTime are both inclusive; liqheat's ranges end exclusively. */
  private static String range(long fromMs, long toMs, int limit) {
    return "&startTime=" + fromMs + "&endTime=" + (toMs - 1) + "&limit=" + limit;
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
