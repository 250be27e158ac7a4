package io.liqheat.ingest;

import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/** Where connectors deliver: the market entities, wherever in the cluster they run. */
public interface MarketInputSink {

  /**
   * Delivers one batch. {@code source} names the stream it came from (the live stream, a poller,
   * a backfill); within a source, batches of one market are delivered one at a time and in order,
   * so a retry after a timeout is recognised by the entity as a duplicate.
   */
  CompletionStage<IngestAck> deliver(String source, MarketId market, InputBatch batch);

  /** The exchange time the market's input has reached, empty when it has none: where a backfill starts. */
  CompletionStage<OptionalLong> watermark(MarketId market);
}
