package io.liqheat.ingest;

import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * Raw messages → parsed inputs → one batch per market → the entities. Messages are grouped by count
 * (of messages, not of stream elements) or time, whichever comes first, so that a busy stream sends
 * few large batches and a quiet one is not held back. Each market's batches then go on a lane of
 * their own ({@link MarketLanes}): in order, one in flight per market, so a market that does not
 * answer holds back only itself, while a slow entity still backpressures the socket once its lane is
 * full instead of queueing in memory.
 */
public final class IngestPipeline {

  private IngestPipeline() {}

  /**
   * Emits one {@code Done} per group handed to the lanes. A delivery that still fails after the
   * sink's attempts fails the flow: the connection is then restarted, and its backfill covers what
   * was not delivered. Each materialization (each connection) has lanes of its own.
   */
  public static Flow<IngestMessage, Done, NotUsed> toEntities(
      String source, ConnectorMonitor monitor, MarketInputSink sink, ConnectorSettings settings) {
    return Flow.fromMaterializer((materializer, attributes) -> {
          MarketLanes lanes = new MarketLanes(source, sink, monitor, settings.delivery());
          return Flow.of(IngestMessage.class)
              // Weighed by messages, as an element carries every message of one WebSocket read.
              .groupedWeightedWithin(settings.batchMaxMessages(), message -> (long) message.messages().size(),
                  settings.batchMaxDelay())
              .map(messages -> assemble(messages, monitor))
              // The next group is parsed while a full lane holds this one. Without it, parsing and the
              // entities took turns when every group waited for its acks: the Binance load test ran at
              // 194k messages/s on 91 % of one core of two.
              .buffer(1, OverflowStrategy.backpressure())
              .mapAsync(1, lanes::offer)
              .watchTermination((notUsed, done) -> {
                done.whenComplete((ok, failure) -> lanes.close());
                return NotUsed.getInstance();
              });
        })
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  /** Parses a group of messages into per-market batches; malformed ones are counted on the monitor. */
  public static Map<MarketId, InputBatch> assemble(List<IngestMessage> messages, ConnectorMonitor monitor) {
    BatchAssembler assembler = new BatchAssembler(monitor);
    for (IngestMessage message : messages) {
      message.messages().parseEach(message.parser(), assembler);
    }
    monitor.inputsProduced(assembler.inputs(), assembler.trades());
    Map<MarketId, InputBatch> batches = assembler.drain();
    batches.forEach((market, batch) -> monitor.marketBatch(market, batch.size(), batch.tradeTimes().length));
    return batches;
  }
}
