package io.liqheat.ingest.okx;

import io.liqheat.ingest.MarketInput;
import io.liqheat.ingest.PlainJsonCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the usual {@code trades} frame straight from its bytes, without Jackson:
 * {@code {"arg":{"channel":"trades","instId":"ID"},"data":[{..},..]}} in that order, compact, each row
 * with {@code instId} the arg's, {@code px} and {@code sz} short decimal strings, {@code side} "buy" or
 * "sell", {@code ts} a whole number in a string and any other field a plain scalar, of a configured
 * instrument. It answers the frame's trades, or null and the caller parses the frame with Jackson from
 * scratch: anything else (other channels, events, field orders or instruments, a missing or odd field,
 * whitespace, escapes, long numbers, nested values, trailing bytes, broken JSON) goes that way, so every
 * frame gets exactly the token parser's inputs and malformed reports ({@code OkxStreamParserFastPathTest}
 * compares the two). Nothing is handed on before the whole frame has been read, because the token
 * parser's row-by-row output must not be doubled by a fallback halfway.
 *
 * <p><b>Why.</b> In the ingest benchmark OKX's Jackson reader held ingest at 0.41 of a bare Jackson token
 * walk over the same frames (loadtest/results/ingest-2026-12-05-parse.txt: field names, string decoding
 * and the string {@code ts} took a third of its time); the figures with this scanner are in
 * {@link OkxStreamParser}, where it is called.
 */
final class TradesScanner {

  private static final byte[] ARG = "arg".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHANNEL = "channel".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRADES = "trades".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INST_ID = "instId".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PX = "px".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SZ = "sz".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SIDE = "side".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TS = "ts".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);

  private final PlainJsonCursor json;
  private final OkxInstruments instruments;
  private byte[] instId;

  private TradesScanner(byte[] bytes, int offset, int length, OkxInstruments instruments) {
    this.json = new PlainJsonCursor(bytes, offset, length);
    this.instruments = instruments;
  }

  /** The frame's trades, or null when the frame is not in the form read here. */
  static List<MarketInput> read(byte[] bytes, int offset, int length, OkxInstruments instruments) {
    return new TradesScanner(bytes, offset, length, instruments).frame();
  }

  private List<MarketInput> frame() {
    if (!json.take('{') || !json.name() || !json.stringIs(ARG) || !json.take('{')
        || !json.name() || !json.stringIs(CHANNEL) || !json.string() || !json.stringIs(TRADES)
        || !json.take(',') || !json.name() || !json.stringIs(INST_ID) || !json.string()) {
      return null;
    }
    String argInstId = json.stringText();
    OkxInstrument instrument = instruments.get(argInstId);
    if (instrument == null
        || !json.take('}') || !json.take(',') || !json.name() || !json.stringIs(DATA)) {
      return null;
    }
    instId = argInstId.getBytes(StandardCharsets.US_ASCII);
    List<MarketInput> trades = new ArrayList<>(32);
    return json.array(() -> trade(instrument, trades)) && json.take('}') && json.atEnd() ? trades : null;
  }

  /** One row; its fields in any order, the last of a repeated one counting, as in the token parser. */
  private boolean trade(OkxInstrument instrument, List<MarketInput> trades) {
    if (!json.take('{')) {
      return false;
    }
    int side = -1;
    double price = Double.NaN;
    double contracts = Double.NaN;
    long time = Long.MIN_VALUE;
    do {
      if (!json.name()) {
        return false;
      }
      boolean read;
      if (json.stringIs(INST_ID)) {
        read = json.string() && json.stringIs(instId); // another instrument's row: the token parser's
      } else if (json.stringIs(PX)) {
        price = json.decimalString();
        read = !Double.isNaN(price);
      } else if (json.stringIs(SZ)) {
        contracts = json.decimalString();
        read = !Double.isNaN(contracts);
      } else if (json.stringIs(SIDE)) {
        read = json.string() && (json.stringIs(BUY) || json.stringIs(SELL));
        side = read && json.stringLength() == BUY.length ? 1 : 0;
      } else if (json.stringIs(TS)) {
        read = json.quotedWholeNumber();
        time = json.number();
      } else {
        read = json.scalar();
      }
      if (!read) {
        return false;
      }
    } while (json.take(','));
    if (!json.take('}') || side < 0 || Double.isNaN(price) || Double.isNaN(contracts) || time == Long.MIN_VALUE) {
      return false;
    }
    // side is the taker's: "buy" means the aggressor bought.
    trades.add(new MarketInput.Trade(instrument.market(), time, price, instrument.baseUnits(contracts, price), side == 1));
    return true;
  }
}
