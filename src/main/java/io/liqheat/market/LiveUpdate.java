package io.liqheat.market;

/**
 * What a market publishes to its pub-sub topic: live frames after recomputes, and a notice for each
 * window once its freeze is persisted. Subscribers on any node receive both, in publish order.
 */
public sealed interface LiveUpdate extends CborSerializable permits LiveFrame, WindowClosed {

  MarketId market();
}
