package io.liqheat.ingest.bybit;

import java.net.URI;

/** The v5 market-data REST URLs the connector calls, all for {@code category=linear}. */
public final class BybitEndpoints {

  /** The only period the connector asks for; it matches the five-minute windows. */
  public static final String PERIOD = "5min";
  /** Bybit's page limits: 1000 klines, 200 open-interest points, 500 ratio points per request. */
  public static final int KLINE_LIMIT = 1000;
  public static final int OPEN_INTEREST_LIMIT = 200;
  public static final int RATIO_LIMIT = 500;

  private final String base;

  public BybitEndpoints(URI restUrl) {
    String text = restUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  public String instrument(String symbol) {
    return base + "/v5/market/instruments-info?category=linear&symbol=" + symbol;
  }

  public String latestRatio(String symbol) {
    return base + "/v5/market/account-ratio?category=linear&symbol=" + symbol + "&period=" + PERIOD + "&limit=1";
  }

  /** Ratio points from {@code startMs} to {@code endMs}, both inclusive. */
  public String ratios(String symbol, long startMs, long endMs) {
    return base + "/v5/market/account-ratio?category=linear&symbol=" + symbol + "&period=" + PERIOD
        + "&startTime=" + startMs + "&endTime=" + endMs + "&limit=" + RATIO_LIMIT;
  }

  public String openInterest(String symbol, long startMs, long endMs) {
    return base + "/v5/market/open-interest?category=linear&symbol=" + symbol + "&intervalTime=" + PERIOD
        + "&startTime=" + startMs + "&endTime=" + endMs + "&limit=" + OPEN_INTEREST_LIMIT;
  }

  /** One-minute klines whose start lies from {@code startMs} to {@code endMs}, both inclusive. */
  public String klines(String symbol, long startMs, long endMs) {
    return base + "/v5/market/kline?category=linear&symbol=" + symbol + "&interval=1&start=" + startMs
        + "&end=" + endMs + "&limit=" + KLINE_LIMIT;
  }
}
