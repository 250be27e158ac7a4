package io.liqheat.ingest;

import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.util.concurrent.CompletionStage;

/** An exchange's history endpoints (candles, open interest, ratios), as inputs for a time range. */
@FunctionalInterface
public interface HistorySource {

  /** Inputs from {@code fromMs} (inclusive) to {@code toMs} (exclusive); see {@link BackfillInputs}. */
  CompletionStage<InputBatch> history(MarketId market, long fromMs, long toMs);
}
