package io.liqheat.ingest;

import java.time.Duration;

/**
 * How batches reach the market entities, from {@code liqheat.ingest.delivery}.
 *
 * @param attemptTimeout how long one ask waits for the entity's answer before the batch is sent
 *     again with the same sequence number (the entity acknowledges a repeat as a duplicate)
 * @param giveUpAfter how long the attempts go on; then the connection restarts and its backfill
 *     covers what was not delivered
 * @param maxPendingInputs how many inputs a market's lane holds behind its delivery in flight
 *     before the connection stops reading (see {@link MarketLanes})
 */
public record DeliverySettings(Duration attemptTimeout, Duration giveUpAfter, int maxPendingInputs) {

  /** Reads the {@code delivery} block under the block {@code keys} reads, naming the full key in errors. */
  public static DeliverySettings read(ConnectorSettings.Keys keys) {
    Duration attemptTimeout = keys.positiveDuration("delivery.attempt-timeout");
    Duration giveUpAfter = keys.positiveDuration("delivery.give-up-after");
    if (giveUpAfter.compareTo(attemptTimeout) < 0) {
      throw new IllegalArgumentException(keys.block() + ".delivery.give-up-after must not be below attempt-timeout");
    }
    return new DeliverySettings(attemptTimeout, giveUpAfter, keys.positiveInt("delivery.max-pending-inputs"));
  }
}
