package io.liqheat.ingest.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET /v5/market/open-interest}: {@code result.list} of {@code {openInterest, timestamp}}
 * rows, newest first; for linear contracts the open interest is in base coin.
 */
public final class BybitOpenInterestParser {

  static final String ENDPOINT = "open-interest";

  private BybitOpenInterestParser() {}

  /** The samples, oldest first; a {@link BybitResponseException} for an error or malformed answer. */
  public static List<BybitOpenInterestSample> samples(String body) {
    JsonNode list = BybitRest.resultList(body, ENDPOINT);
    List<BybitOpenInterestSample> samples = new ArrayList<>(list.size());
    for (int i = list.size() - 1; i >= 0; i--) {
      JsonNode row = list.get(i);
      BybitRest.requireObject(row, ENDPOINT);
      samples.add(new BybitOpenInterestSample(
          BybitRest.time(row, "timestamp", ENDPOINT), BybitRest.number(row, "openInterest", ENDPOINT)));
    }
    return samples;
  }
}
