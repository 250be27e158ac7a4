package io.liqheat.ingest.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET /api/v5/rubik/stat/contracts/long-short-account-ratio?ccy=&period=5m}: rows
 * {@code ["ts","ratio"]}, newest first. OKX computes the ratio per currency over all its futures
 * and swaps, so one answer serves every configured market of that currency.
 */
public final class OkxRatioParser implements MessageParser {

  private final List<MarketId> markets;

  /** @param markets the configured markets of the currency the request asked for */
  public OkxRatioParser(List<MarketId> markets) {
    this.markets = List.copyOf(markets);
  }

  /** A poll yields the newest point only: older ones came with earlier polls or the backfill. */
  @Override
  public void parse(String message, ParseSink sink) {
    List<BackfillInputs.RatioPoint> points;
    try {
      points = points(message);
    } catch (OkxApiException e) {
      report(sink, "OKX error " + e.code());
      return;
    } catch (IllegalArgumentException e) {
      report(sink, e.getMessage());
      return;
    }
    if (points.isEmpty()) {
      return;
    }
    BackfillInputs.RatioPoint newest = points.get(0);
    for (BackfillInputs.RatioPoint point : points) {
      if (point.timeMs() > newest.timeMs()) {
        newest = point;
      }
    }
    for (MarketId market : markets) {
      sink.input(new MarketInput.LongShortRatio(market, newest.timeMs(), newest.longShortRatio()));
    }
  }

  private void report(ParseSink sink, String reason) {
    for (MarketId market : markets) {
      sink.malformed(market, reason);
    }
  }

  /** Every row of an answer, in the answer's order. */
  public static List<BackfillInputs.RatioPoint> points(String body) {
    JsonNode data = OkxRestAnswer.data(body);
    List<BackfillInputs.RatioPoint> points = new ArrayList<>(data.size());
    for (JsonNode row : data) {
      if (!row.isArray() || row.size() < 2) {
        throw new IllegalArgumentException("wrong type ratio row");
      }
      double ratio = OkxRestAnswer.number(row.get(1));
      if (Double.isNaN(ratio)) {
        throw new IllegalArgumentException("non-numeric ratio");
      }
      points.add(new BackfillInputs.RatioPoint(OkxRestAnswer.time(row.get(0)), ratio));
    }
    return points;
  }
}
