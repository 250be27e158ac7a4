package io.liqheat.ingest.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code GET /v5/market/instruments-info?category=linear}: {@code result.list} of instruments. */
public final class BybitInstrumentsParser {

  static final String ENDPOINT = "instruments-info";

  private BybitInstrumentsParser() {}

  /** The instruments listed; a {@link BybitResponseException} for an error or malformed answer. */
  public static List<BybitInstrument> instruments(String body) {
    JsonNode list = BybitRest.resultList(body, ENDPOINT);
    List<BybitInstrument> instruments = new ArrayList<>(list.size());
    for (JsonNode row : list) {
      BybitRest.requireObject(row, ENDPOINT);
      instruments.add(new BybitInstrument(
          BybitRest.text(row, "symbol", ENDPOINT),
          BybitRest.text(row, "contractType", ENDPOINT),
          BybitRest.text(row, "status", ENDPOINT),
          BybitRest.text(row, "baseCoin", ENDPOINT),
          BybitRest.text(row, "quoteCoin", ENDPOINT)));
    }
    return instruments;
  }
}
