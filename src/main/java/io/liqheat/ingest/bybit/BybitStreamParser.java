package io.liqheat.ingest.bybit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqheat.ingest.JsonDecimals;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frames of Bybit's v5 public linear stream: {@code publicTrade.*} (S is the taker's side),
 * {@code tickers.*} (snapshot then deltas, merged in the connection's {@link BybitTickerBook}; they
 * give the mark price and open interest in base units and USD at {@code ts}) and
 * {@code allLiquidation.*} (S is the side of the liquidated position: Buy means a long was closed).
 * Acknowledgements and pongs ({@code op}) give nothing; other topics (kline, orderbook) and symbols
 * not configured are ignored, not malformed.
 *
 * <p>The usual trade frame, the bulk of the traffic, is read from its bytes by {@link PublicTradeScanner};
 * everything else with Jackson's streaming parser, field by field. A frame is all or nothing: its inputs are handed on only if the whole frame is good.
 * The parser holds no state of its own beyond the ticker book it is given, so one instance serves
 * one connection.
 */
public final class BybitStreamParser implements MessageParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String TRADE = "publicTrade";
  private static final String TICKERS = "tickers";
  private static final String LIQUIDATION = "allLiquidation";

  private final BybitMarkets markets;
  private final BybitTickerBook tickers;

  public BybitStreamParser(BybitMarkets markets, BybitTickerBook tickers) {
    this.markets = markets;
    this.tickers = tickers;
  }

  @Override
  public void parse(String message, ParseSink sink) {
    try {
      parse(MAPPER.getFactory().createParser(message), sink);
    } catch (IOException e) {
      sink.malformed(null, "invalid JSON");
    }
  }

  /**
   * A publicTrade frame in its usual form is read by {@link PublicTradeScanner}; every other frame,
   * and any it does not take, by Jackson's token parser, from the start. Before the scanner, a JFR of
   * the ingest benchmark put ~75 % of the ingest run's samples in this parser, and ingest took 2.36 M
   * trades/s (0.44 of a bare Jackson walk over the same frames); with it 3.28-3.30 M (0.59-0.60), and
   * the parser alone 6.1 M trades/s against 5.5 M for the walk (loadtest/results/ingest-2026-12-05-scan.txt).
   */
  @Override
  public void parse(byte[] bytes, int offset, int length, ParseSink sink) {
    List<MarketInput> trades = PublicTradeScanner.read(bytes, offset, length, markets);
    if (trades != null) {
      trades.forEach(sink::input);
    } else {
      parseTokens(bytes, offset, length, sink);
    }
  }

  /** The frame through Jackson's token parser alone: what {@link #parse(byte[], int, int, ParseSink)} must agree with. */
  void parseTokens(byte[] bytes, int offset, int length, ParseSink sink) {
    try {
      parse(MAPPER.getFactory().createParser(bytes, offset, length), sink);
    } catch (IOException e) {
      sink.malformed(null, "invalid JSON");
    }
  }

  private void parse(JsonParser opened, ParseSink sink) {
    Frame frame = new Frame();
    try (JsonParser parser = opened) {
      if (read(parser, frame)) {
        for (MarketInput input : frame.inputs) {
          sink.input(input);
        }
      }
    } catch (MalformedFrame e) {
      sink.malformed(frame.market, e.getMessage());
    } catch (IOException | RuntimeException e) {
      sink.malformed(frame.market, "invalid JSON");
    }
  }

  /** What one frame said, as far as it has been read. */
  private static final class Frame {
    String kind;
    MarketId market;
    boolean ignored;
    boolean snapshot;
    long ts = Long.MIN_VALUE;
    String op;
    Boolean success;
    boolean hasData;
    JsonNode deferredData;
    final TickerFields ticker = new TickerFields();
    final List<MarketInput> inputs = new ArrayList<>(4);
  }

  /** The ticker fields present in one frame; NaN when absent. */
  private static final class TickerFields {
    double markPrice = Double.NaN;
    double openInterest = Double.NaN;
    double openInterestValue = Double.NaN;
  }

  /** True if the frame carried inputs to hand on; false if it is to be ignored. */
  private boolean read(JsonParser parser, Frame frame) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new MalformedFrame("not a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "topic" -> {
          topic(text(parser, value, "topic"), frame);
          if (frame.ignored) {
            return false;
          }
        }
        case "type" -> frame.snapshot = "snapshot".equals(text(parser, value, "type"));
        case "ts" -> frame.ts = longValue(parser, value, "message", "ts");
        case "op" -> frame.op = text(parser, value, "op");
        case "success" -> frame.success = value == JsonToken.VALUE_TRUE ? Boolean.TRUE
            : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        case "data" -> {
          frame.hasData = true;
          if (frame.kind == null) {
            // The topic usually comes first; when it does not, the data waits for it.
            frame.deferredData = parser.readValueAsTree();
          } else {
            data(parser, value, frame);
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (frame.op != null) {
      if (Boolean.FALSE.equals(frame.success)) {
        throw new MalformedFrame("op " + frame.op + " failed");
      }
      return false;
    }
    if (frame.kind == null) {
      throw new MalformedFrame("no topic");
    }
    if (!frame.hasData) {
      throw new MalformedFrame(frame.kind + " missing field data");
    }
    if (frame.deferredData != null) {
      try (JsonParser data = frame.deferredData.traverse(MAPPER)) {
        data(data, data.nextToken(), frame);
      }
    }
    if (TICKERS.equals(frame.kind)) {
      ticker(frame);
    }
    return true;
  }

  private void topic(String topic, Frame frame) {
    int firstDot = topic.indexOf('.');
    int lastDot = topic.lastIndexOf('.');
    String kind = firstDot < 0 ? topic : topic.substring(0, firstDot);
    if (!TRADE.equals(kind) && !TICKERS.equals(kind) && !LIQUIDATION.equals(kind)) {
      frame.ignored = true; // kline, orderbook and whatever else shares the connection
      return;
    }
    if (firstDot < 0 || lastDot != firstDot) {
      throw new MalformedFrame("bad topic " + kind);
    }
    frame.market = markets.get(topic.substring(lastDot + 1));
    frame.kind = kind;
    frame.ignored = frame.market == null;
  }

  private void data(JsonParser parser, JsonToken value, Frame frame) throws IOException {
    if (TICKERS.equals(frame.kind)) {
      if (value != JsonToken.START_OBJECT) {
        throw new MalformedFrame("tickers data not an object");
      }
      tickerFields(parser, frame.ticker);
      return;
    }
    if (value != JsonToken.START_ARRAY) {
      throw new MalformedFrame(frame.kind + " data not an array");
    }
    boolean trades = TRADE.equals(frame.kind);
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw new MalformedFrame(frame.kind + " item not an object");
      }
      item(parser, frame, trades);
    }
  }

  /** One trade or liquidation: {@code T, s, S, v, p} in both. */
  private static void item(JsonParser parser, Frame frame, boolean trade) throws IOException {
    String kind = frame.kind;
    long time = Long.MIN_VALUE;
    int side = -1;
    double size = Double.NaN;
    double price = Double.NaN;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "T" -> time = longValue(parser, value, kind, "T");
        case "S" -> side = buySide(parser, value, kind);
        case "v" -> size = number(parser, value, kind, "v");
        case "p" -> price = number(parser, value, kind, "p");
        default -> parser.skipChildren();
      }
    }
    if (time == Long.MIN_VALUE) {
      throw new MalformedFrame(kind + " missing field T");
    }
    if (side < 0) {
      throw new MalformedFrame(kind + " missing field S");
    }
    if (Double.isNaN(size)) {
      throw new MalformedFrame(kind + " missing field v");
    }
    if (Double.isNaN(price)) {
      throw new MalformedFrame(kind + " missing field p");
    }
    frame.inputs.add(trade
        ? new MarketInput.Trade(frame.market, time, price, size, side == 1)
        : new MarketInput.Liquidation(frame.market, time, side == 1, price, size));
  }

  private static void tickerFields(JsonParser parser, TickerFields fields) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "markPrice" -> fields.markPrice = number(parser, value, TICKERS, "markPrice");
        case "openInterest" -> fields.openInterest = number(parser, value, TICKERS, "openInterest");
        case "openInterestValue" -> fields.openInterestValue = number(parser, value, TICKERS, "openInterestValue");
        default -> parser.skipChildren();
      }
    }
  }

  /** Merges the frame into the book, then reports the mark and, if it changed, the open interest. */
  private void ticker(Frame frame) {
    if (frame.ts == Long.MIN_VALUE) {
      throw new MalformedFrame("tickers missing field ts");
    }
    TickerFields fields = frame.ticker;
    BybitTickerBook.Ticker ticker = tickers.ticker(frame.market);
    if (frame.snapshot) {
      ticker.clear();
    }
    if (!Double.isNaN(fields.markPrice)) {
      ticker.markPrice = fields.markPrice;
      frame.inputs.add(new MarketInput.MarkPrice(frame.market, frame.ts, fields.markPrice));
    }
    boolean openInterestChanged = !Double.isNaN(fields.openInterest) || !Double.isNaN(fields.openInterestValue);
    if (!Double.isNaN(fields.openInterest)) {
      ticker.openInterest = fields.openInterest;
    }
    if (!Double.isNaN(fields.openInterestValue)) {
      ticker.openInterestValue = fields.openInterestValue;
    }
    if (openInterestChanged && !Double.isNaN(ticker.openInterest)) {
      // A delta before any snapshot may lack the USD value; base × mark stands in for it then.
      double usd = !Double.isNaN(ticker.openInterestValue) ? ticker.openInterestValue : ticker.openInterest * ticker.markPrice;
      if (!Double.isNaN(usd)) {
        frame.inputs.add(new MarketInput.OpenInterest(frame.market, frame.ts, ticker.openInterest, usd));
      }
    }
  }

  private static String text(JsonParser parser, JsonToken value, String field) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new MalformedFrame("wrong type " + field);
    }
    return parser.getText();
  }

  /** 1 for Buy, 0 for Sell; compared on the parser's buffer, without a String per trade. */
  private static int buySide(JsonParser parser, JsonToken value, String kind) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new MalformedFrame(kind + " wrong type S");
    }
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    if (length == 3 && chars[offset] == 'B' && chars[offset + 1] == 'u' && chars[offset + 2] == 'y') {
      return 1;
    }
    if (length == 4 && chars[offset] == 'S' && chars[offset + 1] == 'e' && chars[offset + 2] == 'l'
        && chars[offset + 3] == 'l') {
      return 0;
    }
    throw new MalformedFrame(kind + " bad side");
  }

  /** Bybit sends numbers as strings; a bare JSON number is taken too. */
  private static double number(JsonParser parser, JsonToken value, String kind, String field) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      try {
        double number = JsonDecimals.fromText(parser);
        if (Double.isFinite(number)) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new MalformedFrame(kind + " non-numeric " + field);
    }
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    throw new MalformedFrame(kind + " wrong type " + field);
  }

  private static long longValue(JsonParser parser, JsonToken value, String kind, String field) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT) {
      return parser.getLongValue();
    }
    if (value == JsonToken.VALUE_STRING) {
      try {
        return Long.parseLong(parser.getText());
      } catch (NumberFormatException e) {
        throw new MalformedFrame(kind + " non-numeric " + field);
      }
    }
    throw new MalformedFrame(kind + " wrong type " + field);
  }

  /** A frame that is well-formed JSON but not what Bybit sends; the message is the counted reason. */
  private static final class MalformedFrame extends RuntimeException {
    MalformedFrame(String reason) {
      super(reason, null, false, false);
    }
  }
}
