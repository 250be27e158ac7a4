package io.liqheat.ingest.binance;

import java.time.Duration;

/**
 * Stretches a polling period so that polling every market stays inside a request budget: with
 * {@code markets} requests of {@code weight} each per period, and {@code budget} weight allowed per
 * {@code budgetWindow}, the period is at least {@code markets × weight × window ÷ budget}.
 */
public final class PollBudget {

  private PollBudget() {}

  public static Duration interval(Duration configured, int markets, int weight, int budget, Duration budgetWindow) {
    long neededMs = (long) Math.ceil((double) markets * weight * budgetWindow.toMillis() / budget);
    return neededMs > configured.toMillis() ? Duration.ofMillis(neededMs) : configured;
  }
}
