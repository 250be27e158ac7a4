package io.liqheat.market;

/**
 * The entity's answer to a batch: how many inputs it took, how many were late (for a window already
 * frozen, or an OI observation older than the model's last step) and how many were invalid. A
 * {@code duplicate} batch (a retry of one already applied) was ignored whole.
 */
public record IngestAck(int accepted, int late, int invalid, boolean duplicate) implements CborSerializable {

  public static final IngestAck DUPLICATE = new IngestAck(0, 0, 0, true);
}
