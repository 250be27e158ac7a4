package io.liqheat.http;

import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Frozen history: frames and the heatmap matrix (to be built). */
public final class HistoryRoutes extends AllDirectives {

  public Route route() {
    return reject();
  }
}
