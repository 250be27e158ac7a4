package io.liqheat.market;

import io.liqheat.model.Band;
import java.util.List;

/**
 * The live estimate of one market.
 *
 * @param asOfMs exchange time of the newest input
 * @param price newest trade price (mark price before any trade)
 * @param candle the current window's trades so far, or null
 * @param lastFrozenWindowStartMs start of the newest frozen window, or {@link MarketState#NONE}
 * @param bookToOi book total over reported OI; 1 when the book holds the whole OI
 * @param limits what the estimate cannot know
 */
public record LiveView(
    MarketId market,
    String modelVersion,
    long asOfMs,
    double price,
    List<Band> bands,
    Candle candle,
    MarketCounters counters,
    long lastFrozenWindowStartMs,
    double bookToOi,
    String limits) implements CborSerializable {

  public static final String LIMITS =
      "Research view, not a trading signal. Estimated from public aggregate data with an isolated-margin "
          + "model; cross-margin positions cannot be seen.";
}
