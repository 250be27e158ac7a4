package io.liqheat.http;

import java.util.Set;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The chart page at {@code /} and its static assets, served from the jar's {@code web/} folder:
 * nothing is fetched from a CDN, so the page works without network. Only the named files are
 * served, so no request path can reach other resources of the jar.
 */
public final class PageRoutes extends AllDirectives {

  static final String FOLDER = "web/";
  static final Set<String> ASSETS = Set.of("app.js", "style.css");

  public Route route() {
    // no-cache, not no-store: browsers revalidate (Last-Modified of the jar entry), so a new release
    // is picked up at once and an unchanged file costs a 304.
    return get(() -> respondWithHeader(CacheControl.create(CacheDirectives.NO_CACHE), () -> concat(
        pathSingleSlash(() -> getFromResource(FOLDER + "index.html")),
        path(PathMatchers.segment(), name -> ASSETS.contains(name) ? getFromResource(FOLDER + name) : reject()))));
  }
}
