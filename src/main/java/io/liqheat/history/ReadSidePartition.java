package io.liqheat.history;

import io.liqheat.market.MarketId;

/** One partition of {@code frames_by_market_day}: a market's frames of one model version and UTC day. */
record ReadSidePartition(MarketId market, String modelVersion, String day) {}
