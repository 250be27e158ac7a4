package io.liqheat.model;

/**
 * What one step did.
 *
 * @param sweptLongUsd long notional the price path liquidated out of the book
 * @param sweptShortUsd short notional the price path liquidated out of the book
 * @param estimatedLongUsd the step's estimated liquidated long notional: the swept notional blended
 *     with the range × OI term by the calibration's {@code range-blend}
 * @param estimatedShortUsd the same for shorts
 * @param bookToOi book total over reported OI after the step; 1 when the book tracks OI
 */
public record StepOutcome(
    double sweptLongUsd,
    double sweptShortUsd,
    double estimatedLongUsd,
    double estimatedShortUsd,
    double bookToOi) {

  public static final StepOutcome NONE = new StepOutcome(0, 0, 0, 0, 1);
}
