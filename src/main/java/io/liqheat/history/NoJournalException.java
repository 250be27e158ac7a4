package io.liqheat.history;

import io.liqheat.UserFacingException;
import io.liqheat.market.MarketId;

/** A market was named that has no frozen window in the journal: most likely a typo in its id. */
public final class NoJournalException extends RuntimeException implements UserFacingException {

  public NoJournalException(MarketId market) {
    super("the journal holds no frozen window of " + market + " (persistence id Market|" + market + ")");
  }
}
