package io.liqheat.ingest.okx;

import io.liqheat.market.MarketId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The OKX REST requests the connector makes, relative to {@code rest-url}. */
public final class OkxRestPaths {

  public static final String INSTRUMENTS = "/api/v5/public/instruments";
  public static final String HISTORY_CANDLES = "/api/v5/market/history-candles";
  public static final String OPEN_INTEREST_VOLUME = "/api/v5/rubik/stat/contracts/open-interest-volume";
  public static final String LONG_SHORT_ACCOUNT_RATIO = "/api/v5/rubik/stat/contracts/long-short-account-ratio";
  /** OKX's maximum page of history candles. */
  public static final int CANDLES_PER_PAGE = 100;

  private final String base;

  public OkxRestPaths(String restUrl) {
    this.base = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
  }

  public String instrument(MarketId market) {
    return base + INSTRUMENTS + "?instType=SWAP&instId=" + encode(market.symbol());
  }

  /** One-minute candles opening after {@code fromMs - 1} and before {@code beforeOpenMs}, newest first. */
  public String candles(MarketId market, long beforeOpenMs, long fromMs) {
    return base + HISTORY_CANDLES + "?instId=" + encode(market.symbol()) + "&bar=1m&after=" + beforeOpenMs
        + "&before=" + (fromMs - 1) + "&limit=" + CANDLES_PER_PAGE;
  }

  public String openInterestVolume(String ccy, long fromMs, long toMs) {
    return base + OPEN_INTEREST_VOLUME + "?ccy=" + encode(ccy) + "&period=5m&begin=" + fromMs + "&end=" + toMs;
  }

  /** The ratio rows from {@code fromMs} on; without a begin OKX would send two days' worth. */
  public String ratio(String ccy, long fromMs) {
    return base + LONG_SHORT_ACCOUNT_RATIO + "?ccy=" + encode(ccy) + "&period=5m&begin=" + fromMs;
  }

  public String ratio(String ccy, long fromMs, long toMs) {
    return ratio(ccy, fromMs) + "&end=" + toMs;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
