package io.liqheat.model;

import java.util.List;

/**
 * Everything a {@link DensityModel} holds, exactly: restoring it and stepping on gives the same bits
 * as never having stopped.
 *
 * @param modelVersion the calibration it was built with; restoring under another is refused
 * @param marketId the market it estimates
 * @param seeded whether the warm start has happened
 * @param lastTimeMs time of the last accepted step
 * @param lastPrice close of the last accepted step
 * @param lastOiBase OI in base units at the last step
 * @param lastOiUsd OI in USD at the last step
 * @param stepCount steps accepted so far
 * @param longBooks one per tier, ascending leverage
 * @param shortBooks one per tier, ascending leverage
 */
public record ModelSnapshot(
    String modelVersion,
    String marketId,
    boolean seeded,
    long lastTimeMs,
    double lastPrice,
    double lastOiBase,
    double lastOiUsd,
    long stepCount,
    List<TierBookState> longBooks,
    List<TierBookState> shortBooks) {}
