package io.liqheat.ingest.okx;

import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.HistorySource;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.RestClient;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OKX's history for a gap: one-minute candles (paged backwards, 100 a request), the currency's
 * open interest and long/short account ratio in 5-minute points. OKX's open-interest history is in
 * USD only; it is turned into base units at the close of the candle it falls in.
 */
public final class OkxHistory implements HistorySource {

  private final RestClient rest;
  private final OkxRestPaths paths;

  public OkxHistory(RestClient rest, OkxRestPaths paths) {
    this.rest = rest;
    this.paths = paths;
  }

  @Override
  public CompletionStage<InputBatch> history(MarketId market, long fromMs, long toMs) {
    String ccy = market.baseAsset();
    long maxPages = (toMs - fromMs) / (60_000L * OkxRestPaths.CANDLES_PER_PAGE) + 2;
    return candles(market, fromMs, toMs, new ArrayList<>(), maxPages)
        .thenCompose(bars -> rest.get(paths.openInterestVolume(ccy, fromMs, toMs))
            .thenCompose(oiBody -> rest.get(paths.ratio(ccy, fromMs, toMs))
                .thenApply(ratioBody -> {
                  bars.sort(Comparator.comparingLong(KlineBar::openTimeMs));
                  List<BackfillInputs.OpenInterestPoint> openInterest =
                      inBase(OkxOpenInterestVolumeParser.points(oiBody), bars);
                  return BackfillInputs.batch(bars, openInterest, OkxRatioParser.points(ratioBody), fromMs, toMs);
                })));
  }

  /** Pages backwards from {@code beforeOpenMs} until the gap's start is reached or a page comes back empty. */
  private CompletionStage<List<KlineBar>> candles(
      MarketId market, long fromMs, long beforeOpenMs, List<KlineBar> collected, long pagesLeft) {
    if (pagesLeft <= 0) {
      return CompletableFuture.completedFuture(collected);
    }
    return rest.get(paths.candles(market, beforeOpenMs, fromMs)).thenCompose(body -> {
      List<KlineBar> page = OkxCandleParser.bars(body);
      long oldest = beforeOpenMs;
      for (KlineBar bar : page) {
        if (bar.openTimeMs() >= fromMs && bar.openTimeMs() < beforeOpenMs) {
          collected.add(bar);
        }
        oldest = Math.min(oldest, bar.openTimeMs());
      }
      // A page that does not move the cursor back (empty, or a server ignoring it) ends the walk.
      if (page.isEmpty() || oldest >= beforeOpenMs || oldest <= fromMs) {
        return CompletableFuture.completedFuture(collected);
      }
      return candles(market, fromMs, oldest, collected, pagesLeft - 1);
    });
  }

  /** USD open interest in base units at the close of the newest candle opened before the point. */
  static List<BackfillInputs.OpenInterestPoint> inBase(
      List<OkxOpenInterestVolumeParser.Point> points, List<KlineBar> barsByOpenTime) {
    List<BackfillInputs.OpenInterestPoint> result = new ArrayList<>(points.size());
    if (barsByOpenTime.isEmpty()) {
      return result;
    }
    for (OkxOpenInterestVolumeParser.Point point : points) {
      double price = priceAt(barsByOpenTime, point.timeMs());
      if (price > 0) {
        result.add(new BackfillInputs.OpenInterestPoint(point.timeMs(), point.oiUsd() / price, point.oiUsd()));
      }
    }
    return result;
  }

  private static double priceAt(List<KlineBar> bars, long timeMs) {
    int low = 0;
    int high = bars.size() - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (bars.get(mid).openTimeMs() < timeMs) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found < 0 ? bars.get(0).open() : bars.get(found).close();
  }
}
