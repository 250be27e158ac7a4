package io.liqheat.http;

import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** The chart page and its static assets, served from the jar (to be built). */
public final class PageRoutes extends AllDirectives {

  public Route route() {
    return reject();
  }
}
