package io.liqheat.model;

/**
 * The exact contents of one tier book, for snapshots: restoring it gives the same bits.
 *
 * @param lowestBin the bin index of {@code scaledBins[0]}
 * @param scale the book's scale factor
 * @param scaledTotal the sum of the stored bins, kept rather than recomputed so that restoring
 *     reproduces it bit for bit
 * @param scaledBins stored quantities (base units ÷ scale) of consecutive bins
 */
public record TierBookState(int lowestBin, double scale, double scaledTotal, double[] scaledBins) {}
