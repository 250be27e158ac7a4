package io.liqheat.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.market.MarketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesWriterBatchesTest {

  @Test
  void batchesHoldOnePartitionsRowsAndStayWellBelowCassandrasBatchLimit() {
    MarketId market = MarketId.parse("binance:BATCHUSDT");
    // 23:00 .. 00:55 across midnight: two day partitions, frames of ~400 bins (8 kB) each.
    List<FrozenFrameRow> rows = new ArrayList<>(
        ReadSideRows.chain(market, "v1", Instant.parse("2026-11-20T23:00:00Z").toEpochMilli(), 24, 97_000));
    rows.addAll(ReadSideRows.chain(market, "v1-book", Instant.parse("2026-11-20T23:00:00Z").toEpochMilli(), 3, 97_000));

    List<List<FrozenFrameRow>> batches = FramesWriter.partitionBatches(rows);

    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(rows);
    for (List<FrozenFrameRow> batch : batches) {
      assertThat(batch).extracting(row -> row.modelVersion() + "/" + row.day()).containsOnly(batch.get(0).modelVersion()
          + "/" + batch.get(0).day());
      assertThat(batch.stream().mapToLong(row -> FrameCodec.encodedSize(row.frame())).sum()).isLessThan(40_000);
    }
    assertThat(batches).hasSizeLessThan(rows.size() / 2);
  }
}
