package io.liqheat.market;

/**
 * The entity's answer to a batch: how many inputs it took, how many were late (for a window already
 * frozen, or an OI observation older than the model's last step) and how many were invalid. A
 * {@code duplicate} batch (a retry of one already applied) was ignored whole. {@code
 * backfillNeeded}: the entity has just started (after a failover, a hand-over or a restart) and
 * holds the batch, because live input must wait until a backfill has filled the gap since its
 * journal ended; the sender should run one (see {@code io.liqheat.ingest.MarketBackfills}). Held
 * batches are applied after the backfill, without what it already covered.
 */
public record IngestAck(int accepted, int late, int invalid, boolean duplicate, boolean backfillNeeded)
    implements CborSerializable {

  public static final IngestAck DUPLICATE = new IngestAck(0, 0, 0, true, false);
  public static final IngestAck BACKFILL_NEEDED = new IngestAck(0, 0, 0, false, true);
}
