package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.market.MarketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesWriterBatchesTest {

  @Test
  void batchesHoldOnePartitionsRowsAndStayBelowTheBound() {
    MarketId market = MarketId.parse("binance:BATCHUSDT");
    // 08:00 .. 00:35 the next day: 192 rows in one day partition, 8 in the next, frames of ~400
    // bins (~3.6 kB of blob) each, so the first day's rows need several batches.
    List<FrozenFrameRow> rows = new ArrayList<>(
        ReadSideRows.chain(market, "v1", Instant.parse("2026-11-20T08:00:00Z").toEpochMilli(), 200, 97_000));
    rows.addAll(ReadSideRows.chain(market, "v1-book", Instant.parse("2026-11-20T23:00:00Z").toEpochMilli(), 3, 97_000));

    List<List<FrozenFrameRow>> batches = FramesWriter.partitionBatches(rows);

    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(rows);
    for (List<FrozenFrameRow> batch : batches) {
      assertThat(batch).extracting(row -> row.modelVersion() + "/" + row.day()).containsOnly(batch.get(0).modelVersion()
          + "/" + batch.get(0).day());
      assertThat(batch.stream().mapToLong(row -> FrameCodec.encodedSize(row.frame())).sum()).isLessThan(FramesWriter.MAX_BATCH_FRAME_BYTES);
    }
    assertThat(batches).extracting(batch -> batch.get(0).modelVersion() + "/" + batch.get(0).day())
        .filteredOn("v1/2026-11-20"::equals)
        .hasSizeGreaterThan(1);
    assertThat(batches).hasSizeLessThan(rows.size() / 20);
  }

  @Test
  void interleavedMarketsStillBatchByPartition() {
    // Live, several markets freeze the same window together, so the tag stream interleaves them.
    long start = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    List<FrozenFrameRow> btc = ReadSideRows.chain(MarketId.parse("binance:BTCUSDT"), "v1", start, 6, 97_000);
    List<FrozenFrameRow> eth = ReadSideRows.chain(MarketId.parse("binance:ETHUSDT"), "v1", start, 6, 3_500);
    List<FrozenFrameRow> interleaved = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      interleaved.add(btc.get(i));
      interleaved.add(eth.get(i));
    }

    List<List<FrozenFrameRow>> batches = FramesWriter.partitionBatches(interleaved);

    assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(interleaved);
    for (List<FrozenFrameRow> batch : batches) {
      assertThat(batch).extracting(FrozenFrameRow::market).containsOnly(batch.get(0).market());
      // Within a partition the rows keep their order.
      assertThat(batch).extracting(FrozenFrameRow::windowStartMs).isSorted();
    }
    assertThat(batches).hasSizeLessThan(interleaved.size() / 2);
  }
}
