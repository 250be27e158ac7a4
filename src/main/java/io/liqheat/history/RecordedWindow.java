package io.liqheat.history;

import io.liqheat.market.WindowFrozen;

/**
 * A frozen window as the journal holds it: the event and its sequence number in the market's
 * journal, which the read side keeps with the row.
 */
record RecordedWindow(WindowFrozen event, long sequenceNr) {}
