package io.liqheat.ingest;

import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * Raw messages → parsed inputs → one batch per market → the entities. Messages are grouped by count
 * (of messages, not of stream elements) or time, whichever comes first, so that a busy stream sends
 * few large batches and a quiet one is not held back. One group is delivered at a time (markets in parallel), which keeps each market's
 * batches in order and lets a slow entity backpressure the socket instead of queueing in memory; one
 * more group is parsed and waits.
 */
public final class IngestPipeline {

  private IngestPipeline() {}

  /**
   * Emits one {@code Done} per delivered group. A delivery that still fails after the sink's retries
   * fails the flow: the connection is then restarted, and its backfill covers what was not delivered.
   */
  public static Flow<IngestMessage, Done, NotUsed> toEntities(
      String source, ConnectorMonitor monitor, MarketInputSink sink, ConnectorSettings settings) {
    return Flow.of(IngestMessage.class)
        // Weighed by messages, as an element carries every message of one WebSocket read.
        .groupedWeightedWithin(settings.batchMaxMessages(), message -> (long) message.messages().size(), settings.batchMaxDelay())
        .map(messages -> assemble(messages, monitor))
        // The next group is parsed while the entities work on this one. Without this one-group buffer
        // mapAsync(1) asks for the next group only after every ack, so parsing and the entities took
        // turns: the Binance load test ran at 194k messages/s on 91 % of one core of two.
        .buffer(1, OverflowStrategy.backpressure())
        .mapAsync(1, batches -> deliverAll(source, batches, sink, monitor));
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

  private static CompletionStage<Done> deliverAll(
      String source, Map<MarketId, InputBatch> batches, MarketInputSink sink, ConnectorMonitor monitor) {
    List<CompletableFuture<IngestAck>> acks = new ArrayList<>(batches.size());
    batches.forEach((market, batch) -> acks.add(sink.deliver(source, market, batch).toCompletableFuture()));
    List<MarketId> markets = List.copyOf(batches.keySet());
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .thenApply(all -> {
          for (int i = 0; i < acks.size(); i++) {
            monitor.acknowledged(markets.get(i), acks.get(i).join());
          }
          return Done.getInstance();
        });
  }
}
