package io.liqheat.history;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.liqheat.market.Candle;
import io.liqheat.market.MarketId;
import java.nio.ByteBuffer;

/**
 * How a {@link FrozenFrameRow} maps onto the columns of {@code frames_by_market_day}, both ways.
 *
 * <p>A NaN (unknown) number is left <em>unset</em> in the INSERT and reads back as NaN. Unset, not
 * null: binding null writes a tombstone per cell, and every empty window would leave five of them.
 * Since a window's content never changes, an unset cell never hides an older value.
 */
final class FrameRows {

  static final String INSERT =
      "INSERT INTO " + ReadSideTables.FRAMES + " (market, model_version, day, window_start_ms, sequence_nr,"
          + " checksum, prev_checksum, coverage, candle_open, candle_high, candle_low, candle_close,"
          + " candle_volume, oi_close_base, oi_close_usd, printed_long_usd, printed_short_usd,"
          + " close_price, frame_range, step_count, frame)"
          + " VALUES (:market, :model_version, :day, :window_start_ms, :sequence_nr, :checksum,"
          + " :prev_checksum, :coverage, :candle_open, :candle_high, :candle_low, :candle_close,"
          + " :candle_volume, :oi_close_base, :oi_close_usd, :printed_long_usd, :printed_short_usd,"
          + " :close_price, :frame_range, :step_count, :frame)";

  static final String COLUMNS =
      "market, model_version, window_start_ms, sequence_nr, checksum, prev_checksum, coverage,"
          + " candle_open, candle_high, candle_low, candle_close, candle_volume, oi_close_base,"
          + " oi_close_usd, printed_long_usd, printed_short_usd, close_price, frame_range, step_count, frame";

  private FrameRows() {}

  static BoundStatement bindInsert(PreparedStatement insert, FrozenFrameRow row) {
    BoundStatementBuilder b =
        insert
            .boundStatementBuilder()
            .setString("market", row.market().toString())
            .setString("model_version", row.modelVersion())
            .setString("day", row.day())
            .setLong("window_start_ms", row.windowStartMs())
            .setLong("sequence_nr", row.sequenceNr())
            .setString("checksum", row.checksum())
            .setString("prev_checksum", row.prevChecksum())
            .setInt("step_count", row.stepCount())
            .setByteBuffer("frame", ByteBuffer.wrap(FrameCodec.encode(row.frame())));
    b = number(b, "coverage", row.coverage());
    Candle candle = row.candle();
    if (candle != null) {
      b = number(b, "candle_open", candle.open());
      b = number(b, "candle_high", candle.high());
      b = number(b, "candle_low", candle.low());
      b = number(b, "candle_close", candle.close());
      b = number(b, "candle_volume", candle.volume());
    }
    b = number(b, "oi_close_base", row.oiCloseBase());
    b = number(b, "oi_close_usd", row.oiCloseUsd());
    b = number(b, "printed_long_usd", row.printedLongUsd());
    b = number(b, "printed_short_usd", row.printedShortUsd());
    b = number(b, "close_price", row.closePrice());
    b = number(b, "frame_range", row.frameRange());
    return b.setExecutionProfileName(ReadSideTables.PROFILE).setIdempotence(true).build();
  }

  /** Decodes a row selected with {@link #COLUMNS}. */
  static FrozenFrameRow fromRow(Row row) {
    // A candle always has a close; the volume alone may be unknown (bars without volume).
    Candle candle =
        row.isNull("candle_close")
            ? null
            : new Candle(
                number(row, "candle_open"),
                number(row, "candle_high"),
                number(row, "candle_low"),
                number(row, "candle_close"),
                number(row, "candle_volume"));
    return new FrozenFrameRow(
        MarketId.parse(row.getString("market")),
        row.getString("model_version"),
        row.getLong("window_start_ms"),
        row.getLong("sequence_nr"),
        row.getString("checksum"),
        row.getString("prev_checksum"),
        number(row, "coverage"),
        candle,
        number(row, "oi_close_base"),
        number(row, "oi_close_usd"),
        number(row, "printed_long_usd"),
        number(row, "printed_short_usd"),
        number(row, "close_price"),
        number(row, "frame_range"),
        row.getInt("step_count"),
        FrameCodec.decode(row.getByteBuffer("frame")));
  }

  private static BoundStatementBuilder number(BoundStatementBuilder b, String column, double value) {
    return Double.isNaN(value) ? b : b.setDouble(column, value);
  }

  private static double number(Row row, String column) {
    return row.isNull(column) ? Double.NaN : row.getDouble(column);
  }
}
