package io.liqheat.http;

import io.liqheat.history.FrozenFrameRow;
import io.liqheat.market.Windows;
import io.liqheat.model.CanonicalHash;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The HTTP caching of history answers. Frozen windows never change, so an answer is fixed by the
 * request's normalized parameters and the checksums of the windows it returns: that is its strong
 * ETag. It may be cached forever only when no window of its range can still freeze.
 */
final class HistoryCaching {

  /** Bumped whenever the answers' format changes, so that no cache keeps an old shape forever. */
  static final String FORMAT = "history-v1";

  static final HttpHeader IMMUTABLE = RawHeader.create("Cache-Control", "public, max-age=31536000, immutable");
  static final HttpHeader NO_CACHE = RawHeader.create("Cache-Control", "no-cache");

  private HistoryCaching() {}

  /**
   * Whether every window starting before {@code toMs} is frozen and in the read side: the range
   * ends no later than the end of the newest window the read side holds with all earlier ones.
   * The read side's progress, not the live feed's, decides: a window the entity froze but the
   * projection has not written yet must not be left out of an answer cached forever.
   */
  static boolean immutable(long toMs, Optional<Long> newestFrozenWindow) {
    return newestFrozenWindow.isPresent() && toMs <= Windows.endOf(newestFrozenWindow.get());
  }

  /** SHA-256 over the normalized request and every returned window's start and checksum. */
  static EntityTag etag(List<String> normalizedRequest, List<FrozenFrameRow> rows) {
    CanonicalHash hash = new CanonicalHash().putString(FORMAT).putInt(normalizedRequest.size());
    normalizedRequest.forEach(hash::putString);
    hash.putInt(rows.size());
    for (FrozenFrameRow row : rows) {
      hash.putLong(row.windowStartMs()).putString(row.checksum());
    }
    return EntityTag.create(hash.hex(), false);
  }
}
