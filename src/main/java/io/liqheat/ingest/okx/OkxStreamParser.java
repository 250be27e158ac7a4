package io.liqheat.ingest.okx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.liqheat.ingest.JsonDecimals;
import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.MessageParser;
import io.liqheat.ingest.ParseSink;
import io.liqheat.market.MarketId;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads frames of OKX's public WebSocket ({@code /ws/v5/public}): the {@code trades},
 * {@code open-interest}, {@code mark-price} and {@code liquidation-orders} channels, plus the
 * control frames ({@code pong}, subscription acks, errors), which produce no input.
 *
 * <p>Trades are the hot path: the usual trade frame is read from its bytes by {@link TradesScanner},
 * everything else by a streaming parse, one pass, no tree. OKX sends {@code arg}
 * before {@code data}; should it not, the data is buffered until the channel is known. Sizes arrive
 * in contracts and are converted to base units with the instrument's {@code ctVal}. Rows for
 * instruments not configured (the liquidation channel carries every swap) are skipped silently.
 */
public final class OkxStreamParser implements MessageParser {

  private static final JsonFactory JSON = new JsonFactory();

  private final OkxInstruments instruments;
  private final OkxLastMarks marks;
  private final Consumer<String> errors;
  // Bound once: a method reference made per frame would be an allocation per frame on the hot path.
  private final RowReader tradeReader = this::trade;
  private final RowReader markReader = this::mark;
  private final RowReader openInterestReader = this::openInterest;
  private final RowReader liquidationReader = this::liquidations;

  /**
   * @param errors told of OKX's {@code error} and {@code notice} events: failures of the connection,
   *     not malformed data
   */
  public OkxStreamParser(OkxInstruments instruments, OkxLastMarks marks, Consumer<String> errors) {
    this.instruments = instruments;
    this.marks = marks;
    this.errors = errors;
  }

  @Override
  public void parse(String message, ParseSink sink) {
    if ("pong".equals(message)) {
      return;
    }
    try {
      parse(JSON.createParser(message), sink);
    } catch (IOException e) {
      sink.malformed(null, "unreadable message");
    }
  }

  /**
   * A trades frame in its usual form is read by {@link TradesScanner}; every other frame, and any it
   * does not take, by Jackson's token parser, from the start. Ingest took 2.13 M trades/s before (0.41
   * of a bare Jackson walk over the same frames), 3.22-3.33 M with the scanner (0.57-0.61); the parser
   * alone 6.1-6.5 M trades/s against 5.5 M for the walk (loadtest/results/ingest-2026-12-05-scan.txt).
   */
  @Override
  public void parse(byte[] bytes, int offset, int length, ParseSink sink) {
    List<MarketInput> trades = TradesScanner.read(bytes, offset, length, instruments);
    if (trades != null) {
      trades.forEach(sink::input);
    } else {
      parseTokens(bytes, offset, length, sink);
    }
  }

  /** The frame through Jackson's token parser alone: what {@link #parse(byte[], int, int, ParseSink)} must agree with. */
  void parseTokens(byte[] bytes, int offset, int length, ParseSink sink) {
    if (length == 4 && bytes[offset] == 'p' && bytes[offset + 1] == 'o' && bytes[offset + 2] == 'n' && bytes[offset + 3] == 'g') {
      return;
    }
    try {
      parse(JSON.createParser(bytes, offset, length), sink);
    } catch (IOException e) {
      sink.malformed(null, "unreadable message");
    }
  }

  private void parse(JsonParser opened, ParseSink sink) {
    Frame frame = new Frame();
    try (JsonParser parser = opened) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        sink.malformed(null, "not a JSON object");
        return;
      }
      readFrame(parser, frame, sink);
    } catch (JsonProcessingException e) {
      sink.malformed(frame.argMarket(), "invalid JSON");
    } catch (IOException e) {
      sink.malformed(frame.argMarket(), "unreadable message");
    }
  }

  /** What the envelope said so far; the arg's instrument names the market of a broken frame. */
  private final class Frame {
    String channel;
    String argInstId;
    String event;
    String code;
    String msg;
    boolean sawData;

    MarketId argMarket() {
      OkxInstrument instrument = instruments.get(argInstId);
      return instrument == null ? null : instrument.market();
    }
  }

  private void readFrame(JsonParser parser, Frame frame, ParseSink sink) throws IOException {
    TokenBuffer earlyData = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "arg" -> readArg(parser, value, frame);
        case "event" -> frame.event = value.isScalarValue() ? parser.getText() : skip(parser);
        case "code" -> frame.code = value.isScalarValue() ? parser.getText() : skip(parser);
        case "msg" -> frame.msg = value.isScalarValue() ? parser.getText() : skip(parser);
        case "data" -> {
          frame.sawData = true;
          if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            sink.malformed(frame.argMarket(), "wrong type data");
            return;
          }
          if (frame.channel == null) {
            earlyData = new TokenBuffer(parser, null);
            earlyData.copyCurrentStructure(parser);
          } else {
            readData(parser, frame, sink);
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (frame.event != null) {
      onEvent(frame);
      return;
    }
    if (!frame.sawData) {
      sink.malformed(frame.argMarket(), "unexpected message");
      return;
    }
    if (earlyData != null) {
      if (frame.channel == null) {
        sink.malformed(null, "missing field arg.channel");
        return;
      }
      try (JsonParser buffered = earlyData.asParser()) {
        buffered.nextToken();
        readData(buffered, frame, sink);
      }
    }
  }

  private static String skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return "";
  }

  private static void readArg(JsonParser parser, JsonToken value, Frame frame) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token.isScalarValue() && "channel".equals(name)) {
        frame.channel = parser.getText();
      } else if (token.isScalarValue() && "instId".equals(name)) {
        frame.argInstId = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
  }

  private void onEvent(Frame frame) {
    // Acks of subscribe/unsubscribe and connection-count notes are expected; errors and notices
    // (e.g. an announced service upgrade) are worth showing as the connection's last error.
    if ("error".equals(frame.event) || "notice".equals(frame.event)) {
      errors.accept("OKX " + frame.event + " " + frame.code + ": " + frame.msg);
    }
  }

  private void readData(JsonParser parser, Frame frame, ParseSink sink) throws IOException {
    switch (frame.channel) {
      case "trades" -> readRows(parser, frame, sink, tradeReader);
      case "mark-price" -> readRows(parser, frame, sink, markReader);
      case "open-interest" -> readRows(parser, frame, sink, openInterestReader);
      case "liquidation-orders" -> readRows(parser, frame, sink, liquidationReader);
      default -> {
        parser.skipChildren();
        sink.malformed(frame.argMarket(), "unexpected channel " + shortened(frame.channel));
      }
    }
  }

  private static String shortened(String channel) {
    return channel.length() <= 24 ? channel : channel.substring(0, 24);
  }

  @FunctionalInterface
  private interface RowReader {
    void read(JsonParser parser, Frame frame, ParseSink sink) throws IOException;
  }

  private static void readRows(JsonParser parser, Frame frame, ParseSink sink, RowReader reader) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new JsonProcessingException("truncated data") {};
      }
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        sink.malformed(frame.argMarket(), "wrong type data row");
        continue;
      }
      reader.read(parser, frame, sink);
    }
  }

  /** The fields of one row, read in any order; the first problem met is the row's reason. */
  private static final class Row {
    String problem;

    double number(JsonParser parser, JsonToken token, String field) throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        try {
          return JsonDecimals.fromText(parser);
        } catch (NumberFormatException e) {
          problem("non-numeric " + field);
          return Double.NaN;
        }
      }
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return parser.getDoubleValue();
      }
      parser.skipChildren();
      problem("wrong type " + field);
      return Double.NaN;
    }

    long time(JsonParser parser, JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        try {
          return Long.parseLong(parser.getText());
        } catch (NumberFormatException e) {
          problem("non-numeric ts");
          return Long.MIN_VALUE;
        }
      }
      if (token == JsonToken.VALUE_NUMBER_INT) {
        return parser.getLongValue();
      }
      parser.skipChildren();
      problem("wrong type ts");
      return Long.MIN_VALUE;
    }

    String text(JsonParser parser, JsonToken token, String field) throws IOException {
      if (token == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      parser.skipChildren();
      problem("wrong type " + field);
      return null;
    }

    /** The row's instId; the arg's own string when they are equal, which saves a copy per row. */
    String instId(JsonParser parser, JsonToken token, String argInstId) throws IOException {
      if (token == JsonToken.VALUE_STRING && argInstId != null && sameText(parser, argInstId)) {
        return argInstId;
      }
      return text(parser, token, "instId");
    }

    /** The taker or order side without making a string: 1 buy, 0 sell, -1 other, -2 wrong type. */
    int side(JsonParser parser, JsonToken token) throws IOException {
      if (token != JsonToken.VALUE_STRING) {
        parser.skipChildren();
        problem("wrong type side");
        return -2;
      }
      if (sameText(parser, "buy")) {
        return 1;
      }
      return sameText(parser, "sell") ? 0 : -1;
    }

    private static boolean sameText(JsonParser parser, String expected) throws IOException {
      int length = parser.getTextLength();
      if (length != expected.length()) {
        return false;
      }
      char[] chars = parser.getTextCharacters();
      int offset = parser.getTextOffset();
      for (int i = 0; i < length; i++) {
        if (chars[offset + i] != expected.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    void problem(String reason) {
      if (problem == null) {
        problem = reason;
      }
    }

    /** True if the row is complete; otherwise the reason is the first problem or missing field. */
    boolean complete(String[] names, double... values) {
      if (problem != null) {
        return false;
      }
      for (int i = 0; i < values.length; i++) {
        if (Double.isNaN(values[i])) {
          problem = "missing field " + names[i];
          return false;
        }
      }
      return true;
    }
  }

  private static final String[] TRADE_FIELDS = {"px", "sz"};
  private static final String[] MARK_FIELDS = {"markPx"};
  private static final String[] LIQUIDATION_FIELDS = {"bkPx", "sz"};

  private OkxInstrument instrument(String rowInstId, Frame frame) {
    return instruments.get(rowInstId != null ? rowInstId : frame.argInstId);
  }

  private void trade(JsonParser parser, Frame frame, ParseSink sink) throws IOException {
    Row row = new Row();
    String instId = null;
    int side = NO_SIDE;
    double price = Double.NaN;
    double contracts = Double.NaN;
    long time = Long.MIN_VALUE;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (name) {
        case "instId" -> instId = row.instId(parser, token, frame.argInstId);
        case "px" -> price = row.number(parser, token, name);
        case "sz" -> contracts = row.number(parser, token, name);
        case "side" -> side = row.side(parser, token);
        case "ts" -> time = row.time(parser, token);
        default -> parser.skipChildren();
      }
    }
    OkxInstrument instrument = instrument(instId, frame);
    if (instrument == null) {
      if (instId == null && frame.argInstId == null) {
        sink.malformed(null, "missing field instId");
      }
      return;
    }
    if (!row.complete(TRADE_FIELDS, price, contracts)) {
      sink.malformed(instrument.market(), row.problem);
    } else if (time == Long.MIN_VALUE) {
      sink.malformed(instrument.market(), "missing field ts");
    } else if (side < 0) {
      sink.malformed(instrument.market(), side == NO_SIDE ? "missing field side" : "bad side");
    } else {
      // side is the taker's: "buy" means the aggressor bought.
      sink.input(new MarketInput.Trade(instrument.market(), time, price, instrument.baseUnits(contracts, price), side == 1));
    }
  }

  private static final int NO_SIDE = -3;

  private void mark(JsonParser parser, Frame frame, ParseSink sink) throws IOException {
    Row row = new Row();
    String instId = null;
    double price = Double.NaN;
    long time = Long.MIN_VALUE;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (name) {
        case "instId" -> instId = row.instId(parser, token, frame.argInstId);
        case "markPx" -> price = row.number(parser, token, name);
        case "ts" -> time = row.time(parser, token);
        default -> parser.skipChildren();
      }
    }
    OkxInstrument instrument = instrument(instId, frame);
    if (instrument == null) {
      if (instId == null && frame.argInstId == null) {
        sink.malformed(null, "missing field instId");
      }
      return;
    }
    if (!row.complete(MARK_FIELDS, price)) {
      sink.malformed(instrument.market(), row.problem);
    } else if (time == Long.MIN_VALUE) {
      sink.malformed(instrument.market(), "missing field ts");
    } else {
      marks.mark(instrument.market(), price);
      sink.input(new MarketInput.MarkPrice(instrument.market(), time, price));
    }
  }

  private void openInterest(JsonParser parser, Frame frame, ParseSink sink) throws IOException {
    Row row = new Row();
    String instId = null;
    double contracts = Double.NaN;
    double base = Double.NaN;
    double usd = Double.NaN;
    long time = Long.MIN_VALUE;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (name) {
        case "instId" -> instId = row.instId(parser, token, frame.argInstId);
        case "oi" -> contracts = row.number(parser, token, name);
        case "oiCcy" -> base = row.number(parser, token, name);
        case "oiUsd" -> usd = row.number(parser, token, name);
        case "ts" -> time = row.time(parser, token);
        default -> parser.skipChildren();
      }
    }
    OkxInstrument instrument = instrument(instId, frame);
    if (instrument == null) {
      if (instId == null && frame.argInstId == null) {
        sink.malformed(null, "missing field instId");
      }
      return;
    }
    MarketId market = instrument.market();
    if (row.problem != null) {
      sink.malformed(market, row.problem);
      return;
    }
    if (time == Long.MIN_VALUE) {
      sink.malformed(market, "missing field ts");
      return;
    }
    double mark = marks.latest(market);
    if (Double.isNaN(base)) {
      if (Double.isNaN(contracts)) {
        sink.malformed(market, "missing field oi");
        return;
      }
      base = instrument.baseUnits(contracts, mark);
    }
    if (Double.isNaN(usd)) {
      // Older feeds have no oiUsd: value the base at the latest mark, as the core contract asks.
      usd = base * mark;
    }
    if (Double.isNaN(base) || Double.isNaN(usd)) {
      sink.malformed(market, "oiUsd missing before the first mark price");
      return;
    }
    sink.input(new MarketInput.OpenInterest(market, time, base, usd));
  }

  private void liquidations(JsonParser parser, Frame frame, ParseSink sink) throws IOException {
    Row row = new Row();
    String instId = null;
    TokenBuffer earlyDetails = null;
    boolean sawDetails = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if ("instId".equals(name)) {
        instId = row.text(parser, token, name);
      } else if ("details".equals(name)) {
        sawDetails = true;
        if (token != JsonToken.START_ARRAY) {
          parser.skipChildren();
          row.problem("wrong type details");
        } else if (instId == null) {
          // OKX puts details before instId: keep them until we know whose they are.
          earlyDetails = new TokenBuffer(parser, null);
          earlyDetails.copyCurrentStructure(parser);
        } else {
          OkxInstrument instrument = instruments.get(instId);
          if (instrument == null) {
            parser.skipChildren();
          } else {
            readRows(parser, frame, sink, (p, f, s) -> liquidation(p, instrument, s));
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    if (instId == null) {
      sink.malformed(null, row.problem != null ? row.problem : "missing field instId");
      return;
    }
    OkxInstrument instrument = instruments.get(instId);
    if (instrument == null) {
      return;
    }
    if (row.problem != null || !sawDetails) {
      sink.malformed(instrument.market(), row.problem != null ? row.problem : "missing field details");
      return;
    }
    if (earlyDetails != null) {
      try (JsonParser buffered = earlyDetails.asParser()) {
        buffered.nextToken();
        readRows(buffered, frame, sink, (p, f, s) -> liquidation(p, instrument, s));
      }
    }
  }

  private void liquidation(JsonParser parser, OkxInstrument instrument, ParseSink sink) throws IOException {
    Row row = new Row();
    String side = null;
    String posSide = null;
    double price = Double.NaN;
    double contracts = Double.NaN;
    long time = Long.MIN_VALUE;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (name) {
        case "side" -> side = row.text(parser, token, name);
        case "posSide" -> posSide = row.text(parser, token, name);
        case "bkPx" -> price = row.number(parser, token, name);
        case "sz" -> contracts = row.number(parser, token, name);
        case "ts" -> time = row.time(parser, token);
        default -> parser.skipChildren();
      }
    }
    MarketId market = instrument.market();
    if (!row.complete(LIQUIDATION_FIELDS, price, contracts)) {
      sink.malformed(market, row.problem);
      return;
    }
    if (time == Long.MIN_VALUE) {
      sink.malformed(market, "missing field ts");
      return;
    }
    Boolean longLiquidated = longLiquidated(side, posSide);
    if (longLiquidated == null) {
      sink.malformed(market, "bad side");
      return;
    }
    sink.input(new MarketInput.Liquidation(market, time, longLiquidated, price,
        instrument.baseUnits(contracts, price)));
  }

  /**
   * Which position was closed. In hedge mode {@code posSide} names it. In net mode
   * ({@code posSide} "net") only the liquidation order's side tells: a liquidated long is closed by
   * a sell, a liquidated short by a buy. Null when neither says.
   */
  static Boolean longLiquidated(String side, String posSide) {
    if ("long".equals(posSide)) {
      return Boolean.TRUE;
    }
    if ("short".equals(posSide)) {
      return Boolean.FALSE;
    }
    if ("sell".equals(side)) {
      return Boolean.TRUE;
    }
    if ("buy".equals(side)) {
      return Boolean.FALSE;
    }
    return null;
  }
}
