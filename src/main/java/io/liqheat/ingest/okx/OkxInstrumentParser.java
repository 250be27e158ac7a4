package io.liqheat.ingest.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqheat.market.MarketId;

/** Reads {@code GET /api/v5/public/instruments?instType=SWAP&instId=} for a market's contract value. */
public final class OkxInstrumentParser {

  private OkxInstrumentParser() {}

  /**
   * The market's contract spec.
   *
   * @throws OkxApiException when OKX does not know the instrument (code 51001), or no row names it
   * @throws IllegalArgumentException when the answer is malformed
   */
  public static OkxInstrument parse(String body, MarketId market) {
    JsonNode data = OkxRestAnswer.data(body);
    for (JsonNode row : data) {
      if (market.symbol().equals(row.path("instId").asText())) {
        double ctVal = OkxRestAnswer.number(row.get("ctVal"));
        if (!(ctVal > 0)) {
          throw new IllegalArgumentException("non-numeric ctVal for " + market.symbol());
        }
        return new OkxInstrument(market, ctVal, "inverse".equals(row.path("ctType").asText()));
      }
    }
    throw new OkxApiException(OkxApiException.INSTRUMENT_DOES_NOT_EXIST, "no instrument " + market.symbol());
  }
}
