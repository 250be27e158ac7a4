package io.liqheat.ingest;

import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.InputBatchBuilder;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * One connection's deliveries, on a lane per market: each market has at most one batch in flight,
 * and what arrives for it meanwhile is appended to a single pending batch, sent when the one in
 * flight is answered. Each market's input still arrives whole and in order.
 *
 * <p>Why lanes: a connection carries many markets, and one of them may not answer for a while (its
 * node died and the cluster has not moved it yet, ~15 s). Waiting for every market's answer before
 * reading on would hold every other market of the connection, and their live bands, for as long.
 *
 * <p>Backpressure stays: {@link #offer} completes only while no lane of the offered markets holds
 * more than {@link DeliverySettings#maxPendingInputs()} inputs, so a slow entity slows the socket
 * instead of filling memory, and a stuck one does so only after its lane is full. A delivery that
 * fails for good (the sink gave up) fails this and every later offer: the connection restarts, and
 * its backfill covers what was not delivered. {@link #close} drops what is still pending for the
 * same reason.
 *
 * <p>Thread-safe: offers come from the stream, answers from the asks' completions.
 */
final class MarketLanes {

  private final String source;
  private final MarketInputSink sink;
  private final ConnectorMonitor monitor;
  private final int maxPendingInputs;
  private final Map<MarketId, Lane> lanes = new HashMap<>();
  private Throwable failure;
  private boolean closed;

  /** A market's lane: whether a delivery is in flight, what waits behind it, and who waits for room. */
  private static final class Lane {
    boolean inFlight;
    InputBatchBuilder pending;
    CompletableFuture<Done> room;
  }

  /** A delivery to start once the lock is released. */
  private record Start(MarketId market, Lane lane, InputBatch batch) {}

  MarketLanes(String source, MarketInputSink sink, ConnectorMonitor monitor, DeliverySettings delivery) {
    this.source = source;
    this.sink = sink;
    this.monitor = monitor;
    this.maxPendingInputs = delivery.maxPendingInputs();
  }

  /**
   * Puts each market's batch on its lane. Completes when every one of these lanes has room again;
   * fails once any delivery of this connection has failed for good.
   */
  CompletionStage<Done> offer(Map<MarketId, InputBatch> batches) {
    List<Start> starts = new ArrayList<>();
    List<CompletableFuture<Done>> waits = new ArrayList<>();
    synchronized (this) {
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      batches.forEach((market, batch) -> {
        Lane lane = lanes.computeIfAbsent(market, m -> new Lane());
        if (!lane.inFlight) {
          lane.inFlight = true;
          starts.add(new Start(market, lane, batch));
          return;
        }
        if (lane.pending == null) {
          lane.pending = InputBatch.builder();
        }
        lane.pending.append(batch);
        if (lane.pending.size() > maxPendingInputs) {
          if (lane.room == null) {
            lane.room = new CompletableFuture<>();
          }
          waits.add(lane.room);
        }
      });
    }
    starts.forEach(this::deliver);
    return waits.isEmpty()
        ? CompletableFuture.completedFuture(Done.getInstance())
        : CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).thenApply(all -> Done.getInstance());
  }

  /** The connection ended: nothing pending is sent any more (its backfill covers it), and no offer is taken. */
  void close() {
    List<CompletableFuture<Done>> released = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (Lane lane : lanes.values()) {
        lane.pending = null;
        if (lane.room != null) {
          released.add(lane.room);
          lane.room = null;
        }
      }
    }
    released.forEach(room -> room.complete(Done.getInstance()));
  }

  private void deliver(Start start) {
    sink.deliver(source, start.market(), start.batch())
        .whenComplete((ack, failed) -> answered(start.market(), start.lane(), ack, failed));
  }

  private void answered(MarketId market, Lane lane, IngestAck ack, Throwable failed) {
    Start next = null;
    List<CompletableFuture<Done>> released = new ArrayList<>();
    Throwable failedFirst = null;
    synchronized (this) {
      if (failed != null) {
        lane.inFlight = false;
        lane.pending = null;
        if (failure == null) {
          failure = failed;
          failedFirst = failed;
          for (Lane any : lanes.values()) {
            if (any.room != null) {
              released.add(any.room);
              any.room = null;
            }
          }
        }
      } else if (lane.pending != null && !closed && failure == null) {
        next = new Start(market, lane, lane.pending.build());
        lane.pending = null;
        if (lane.room != null) {
          released.add(lane.room);
          lane.room = null;
        }
      } else {
        lane.inFlight = false;
      }
    }
    if (ack != null) {
      monitor.acknowledged(market, ack);
    }
    Throwable cause = failedFirst;
    released.forEach(room -> {
      if (cause != null) {
        room.completeExceptionally(cause);
      } else {
        room.complete(Done.getInstance());
      }
    });
    if (next != null) {
      deliver(next);
    }
  }
}
