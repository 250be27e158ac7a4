package io.liqheat.http;

import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Health and metrics (to be built). */
public final class OpsRoutes extends AllDirectives {

  public Route route() {
    return path(segment -> reject());
  }
}
