package io.liqheat.market;

import io.liqheat.model.BandQuery;
import org.apache.pekko.actor.typed.ActorRef;

/** What a market entity is asked to do. */
public sealed interface MarketCommand extends CborSerializable {

  /**
   * A batch of normalized input. {@code source} and {@code sequence} make retries safe: a batch
   * whose sequence is not above the last one applied from that source is acknowledged as a
   * duplicate and ignored; a negative sequence turns the check off.
   */
  record Ingest(String source, long sequence, InputBatch batch, ActorRef<IngestAck> replyTo) implements MarketCommand {}

  /** The live estimate; a null query means the default display window. */
  record GetLive(BandQuery query, ActorRef<LiveView> replyTo) implements MarketCommand {}

  /**
   * The live density itself (null frame before any price): for asset views that sum markets in USD,
   * and for scoring against a simulator's truth.
   */
  record GetLiveFrame(ActorRef<LiveFrame> replyTo) implements MarketCommand {}

  record GetStatus(ActorRef<MarketStatus> replyTo) implements MarketCommand {}

  /** Sent by the entity to itself: windows are still waiting to freeze. */
  record FreezeDue() implements MarketCommand {}

  /** Sent by the entity's timer: a live frame may be published again. */
  record PublishDue() implements MarketCommand {}

  /**
   * Sharding's stop message for a hand-over (a rebalance, a node leaving). A persist in progress
   * finishes first, since commands wait while one runs, so the window being frozen is in the journal
   * before the market starts on its new node. Live input held for a backfill is dropped with the
   * entity; the new one asks for a backfill of its own, which covers it.
   */
  record Stop() implements MarketCommand {}
}
