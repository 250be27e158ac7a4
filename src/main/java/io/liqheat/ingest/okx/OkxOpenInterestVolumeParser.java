package io.liqheat.ingest.okx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code GET /api/v5/rubik/stat/contracts/open-interest-volume?ccy=&period=5m}: rows
 * {@code [ts, oi, vol]}, newest first, both in USD, for all of the currency's futures and swaps.
 */
public final class OkxOpenInterestVolumeParser {

  /** One row: open interest and volume in USD at {@code timeMs}. */
  public record Point(long timeMs, double oiUsd, double volumeUsd) {}

  private OkxOpenInterestVolumeParser() {}

  public static List<Point> points(String body) {
    JsonNode data = OkxRestAnswer.data(body);
    List<Point> points = new ArrayList<>(data.size());
    for (JsonNode row : data) {
      if (!row.isArray() || row.size() < 2) {
        throw new IllegalArgumentException("wrong type open-interest row");
      }
      double oiUsd = OkxRestAnswer.number(row.get(1));
      if (Double.isNaN(oiUsd)) {
        throw new IllegalArgumentException("non-numeric oi");
      }
      points.add(new Point(OkxRestAnswer.time(row.get(0)), oiUsd, OkxRestAnswer.number(row.get(2))));
    }
    return points;
  }
}
