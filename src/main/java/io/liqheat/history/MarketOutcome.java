package io.liqheat.history;

import io.liqheat.market.MarketId;
import java.util.List;

/**
 * How one market's replay went.
 *
 * @param market the market
 * @param frames the frozen windows its journal holds
 * @param rows the read-side rows produced from them (its own version's and the derived ones)
 * @param recordedVersions the model versions its events were frozen under
 * @param derivedVersions the versions derived from them
 * @param mismatches what was found wrong, in journal order
 */
record MarketOutcome(
    MarketId market,
    long frames,
    long rows,
    List<String> recordedVersions,
    List<String> derivedVersions,
    List<Mismatch> mismatches) {}
