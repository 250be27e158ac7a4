package io.liqheat.ingest.binance;

import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.BackfillInputs.OpenInterestPoint;
import io.liqheat.ingest.BackfillInputs.RatioPoint;
import io.liqheat.ingest.ConnectorMonitor;
import io.liqheat.ingest.HistorySource;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.ParseSink;
import io.liqheat.ingest.RestClient;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A gap from Binance's history: 1 m klines, 5 m open interest and 5 m account ratios, each paged
 * forward from the gap's start one request at a time (the REST budget is shared with the pollers).
 * Klines are required; open interest and ratio history are best effort (a failure there is recorded
 * and the gap is filled with the candles alone, which still carry price, volume and taker split).
 */
public final class BinanceHistory implements HistorySource {

  private final RestClient rest;
  private final BinanceUrls urls;
  private final ConnectorMonitor monitor;
  private final int klinesPage;
  private final int dataPage;

  public BinanceHistory(RestClient rest, BinanceUrls urls, ConnectorMonitor monitor) {
    this(rest, urls, monitor, BinanceUrls.KLINES_PAGE, BinanceUrls.DATA_PAGE);
  }

  /** With smaller pages, so that tests page through a short simulated history. */
  public BinanceHistory(RestClient rest, BinanceUrls urls, ConnectorMonitor monitor, int klinesPage, int dataPage) {
    this.rest = rest;
    this.urls = urls;
    this.monitor = monitor;
    this.klinesPage = klinesPage;
    this.dataPage = dataPage;
  }

  @Override
  public CompletionStage<InputBatch> history(MarketId market, long fromMs, long toMs) {
    ParseSink malformed = new MalformedToMonitor(monitor);
    CompletionStage<List<KlineBar>> klines = pages(fromMs, toMs, klinesPage,
        (from, to) -> urls.klines(market, from, to, klinesPage),
        body -> BinanceKlinesParser.parse(body, market, malformed), KlineBar::openTimeMs);
    return klines.thenCompose(bars -> bestEffort(market, "open interest history", pages(fromMs, toMs, dataPage,
            (from, to) -> urls.openInterestHistory(market, from, to, dataPage),
            body -> BinanceOpenInterestHistParser.parse(body, market, malformed), OpenInterestPoint::timeMs))
        .thenCompose(openInterest -> bestEffort(market, "account ratio history", pages(fromMs, toMs, dataPage,
                (from, to) -> urls.accountRatioHistory(market, from, to, dataPage),
                body -> BinanceAccountRatioParser.parse(body, market, malformed), RatioPoint::timeMs))
            .thenApply(ratios -> BackfillInputs.batch(bars, openInterest, ratios, fromMs, toMs))));
  }

  /**
   * Fetches {@code [fromMs, toMs)} page by page: a full page means there may be more after its last
   * row, so the next page starts just after it.
   */
  private <T> CompletionStage<List<T>> pages(
      long fromMs, long toMs, int pageSize, BiFunction<Long, Long, String> url,
      Function<String, List<T>> parse, ToLongFunction<T> time) {
    List<T> all = new ArrayList<>();
    return page(fromMs, toMs, pageSize, url, parse, time, all).thenApply(done -> all);
  }

  private <T> CompletionStage<Void> page(
      long fromMs, long toMs, int pageSize, BiFunction<Long, Long, String> url,
      Function<String, List<T>> parse, ToLongFunction<T> time, List<T> all) {
    if (fromMs >= toMs) {
      return CompletableFuture.completedFuture(null);
    }
    return rest.get(url.apply(fromMs, toMs)).thenCompose(body -> {
      List<T> rows = parse.apply(body);
      all.addAll(rows);
      if (rows.size() < pageSize) {
        return CompletableFuture.completedFuture(null);
      }
      long next = time.applyAsLong(rows.get(rows.size() - 1)) + 1;
      return next <= fromMs ? CompletableFuture.completedFuture(null) : page(next, toMs, pageSize, url, parse, time, all);
    });
  }

  private <T> CompletionStage<List<T>> bestEffort(MarketId market, String what, CompletionStage<List<T>> fetch) {
    return fetch.exceptionally(failure -> {
      monitor.failure(what + " of " + market + " failed: " + failure.getMessage());
      return List.of();
    });
  }
}
