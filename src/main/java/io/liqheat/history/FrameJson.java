package io.liqheat.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqheat.market.Candle;
import io.liqheat.model.Band;
import io.liqheat.model.BandExtractor;
import io.liqheat.model.BandQuery;
import java.util.List;

/**
 * One frozen frame as one line of JSON, for {@code liqheat frames} and later the history API:
 * the row's fields and the frame's strongest bands around the window's close.
 *
 * <p>JSON has no NaN: an unknown number is {@code null}, never the token {@code NaN} that Jackson
 * would otherwise write (or the string "NaN" with its default settings).
 */
public final class FrameJson {

  /** Bands within ±10 % of the close... */
  static final double BAND_RANGE = 0.10;
  /** ...made of bins ranked in the top 20 % of their side... */
  static final double MIN_INTENSITY = 0.8;
  /** ...the strongest three per side. */
  static final int MAX_BANDS_PER_SIDE = 3;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FrameJson() {}

  /** The JSON line, without a line break. */
  public static String line(FrozenFrameRow row) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("market", row.market().toString());
    json.put("modelVersion", row.modelVersion());
    json.put("windowStart", row.windowStartMs());
    json.put("sequenceNr", row.sequenceNr());
    json.put("checksum", row.checksum());
    json.put("prevChecksum", row.prevChecksum());
    number(json, "coverage", row.coverage());
    json.set("candle", candle(row.candle()));
    number(json, "closePrice", row.closePrice());
    number(json, "frameRange", row.frameRange());
    number(json, "oiCloseBase", row.oiCloseBase());
    number(json, "oiCloseUsd", row.oiCloseUsd());
    number(json, "printedLongUsd", row.printedLongUsd());
    number(json, "printedShortUsd", row.printedShortUsd());
    json.put("stepCount", row.stepCount());
    ArrayNode bands = json.putArray("bands");
    for (Band band : bands(row)) {
      ObjectNode node = bands.addObject();
      node.put("side", band.side().wireName());
      number(node, "low", band.low());
      number(node, "high", band.high());
      number(node, "notionalUsd", band.notionalUsd());
      number(node, "intensity", band.intensity());
    }
    return json.toString();
  }

  /** The strongest bands around the close; none when the window never saw a price. */
  static List<Band> bands(FrozenFrameRow row) {
    double close = row.closePrice();
    if (!(Double.isFinite(close) && close > 0)) {
      return List.of();
    }
    return BandExtractor.extract(row.frame(), new BandQuery(close, BAND_RANGE, MIN_INTENSITY, MAX_BANDS_PER_SIDE));
  }

  private static ObjectNode candle(Candle candle) {
    if (candle == null) {
      return null;
    }
    ObjectNode json = MAPPER.createObjectNode();
    number(json, "open", candle.open());
    number(json, "high", candle.high());
    number(json, "low", candle.low());
    number(json, "close", candle.close());
    number(json, "volume", candle.volume());
    return json;
  }

  private static void number(ObjectNode json, String field, double value) {
    if (Double.isFinite(value)) {
      json.put(field, value);
    } else {
      json.putNull(field);
    }
  }
}
