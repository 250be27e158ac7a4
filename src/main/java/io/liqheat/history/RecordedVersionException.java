package io.liqheat.history;

import io.liqheat.UserFacingException;
import io.liqheat.market.MarketId;

/**
 * A derived series was asked for under the version the journal's events were frozen under: those
 * frames are the events' own, and recomputing them is what {@code liqheat verify} does.
 */
public final class RecordedVersionException extends RuntimeException implements UserFacingException {

  public RecordedVersionException(MarketId market, String modelVersion) {
    super(market + " was frozen under model version " + modelVersion + ": its rows come from the journal's"
        + " events themselves, not from a derivation. `liqheat rebuild read-side --market " + market
        + "` rewrites them, `liqheat verify --market " + market + "` recomputes and checks them");
  }
}
