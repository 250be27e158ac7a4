package io.liqheat.market;

import io.liqheat.model.Calibration;
import java.util.ArrayList;
import java.util.List;

/**
 * The frozen windows a market must end up with for some input, computed without actors or Cassandra:
 * the same pure pieces the entity runs, in one thread. Integration tests compare the journal with it.
 */
final class ExpectedFrames {

  private ExpectedFrames() {}

  static List<WindowFrozen> of(MarketId market, List<InputBatch> batches, Calibration calibration, MarketSettings settings) {
    LiveMarket live = new LiveMarket(market, calibration, settings);
    MarketState state = MarketState.empty(market, calibration.modelVersion());
    live.recovered(state);
    List<WindowFrozen> all = new ArrayList<>();
    long sequence = 0;
    for (InputBatch batch : batches) {
      live.ingest("expected", sequence++, batch);
      List<ClosedWindow> closed;
      while (!(closed = live.closedWindows(MarketEntity.MAX_WINDOWS_PER_PERSIST)).isEmpty()) {
        List<WindowFrozen> events = WindowFreezer.freeze(state, closed, calibration, settings.frameRange());
        events.forEach(event -> state.apply(event, calibration));
        live.frozen(events);
        all.addAll(events);
      }
    }
    return all;
  }
}
