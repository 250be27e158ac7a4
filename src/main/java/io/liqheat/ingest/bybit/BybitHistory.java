package io.liqheat.ingest.bybit;

import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.HistorySource;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.RestClient;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A gap from Bybit's history endpoints: one-minute klines, five-minute open interest and five-minute
 * account ratios. The range is fetched in chunks of 1000 minutes, which is exactly one page of each
 * endpoint (1000 klines, 200 OI points, 200 ratio points), so no cursor is needed; chunks and
 * endpoints are requested one after another to stay inside the REST budget.
 *
 * <p>Bybit's open-interest history has no USD value: it is valued at the close of the last minute
 * that ended at or before the point (the first minute's close for a point before every bar).
 */
public final class BybitHistory implements HistorySource {

  static final long CHUNK_MS = 1000 * 60_000L;

  private final RestClient client;
  private final BybitEndpoints endpoints;

  public BybitHistory(RestClient client, BybitEndpoints endpoints) {
    this.client = client;
    this.endpoints = endpoints;
  }

  @Override
  public CompletionStage<InputBatch> history(MarketId market, long fromMs, long toMs) {
    Collected collected = new Collected();
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (long start = fromMs; start < toMs; start += CHUNK_MS) {
      long chunkStart = start;
      long chunkEnd = Math.min(toMs, start + CHUNK_MS) - 1;
      String symbol = market.symbol();
      chain = chain
          .thenCompose(v -> client.get(endpoints.klines(symbol, chunkStart, chunkEnd)))
          .thenAccept(body -> collected.bars.addAll(BybitKlineParser.bars(body)))
          .thenCompose(v -> client.get(endpoints.openInterest(symbol, chunkStart, chunkEnd)))
          .thenAccept(body -> collected.openInterest.addAll(BybitOpenInterestParser.samples(body)))
          .thenCompose(v -> client.get(endpoints.ratios(symbol, chunkStart, chunkEnd)))
          .thenAccept(body -> collected.ratios.addAll(BybitRatioParser.points(body)));
    }
    return chain.thenApply(v -> BackfillInputs.batch(
        collected.bars, valued(collected.openInterest, collected.bars), collected.ratios, fromMs, toMs));
  }

  /** Open interest in USD at the close of the minute that ended last before each point. */
  static List<BackfillInputs.OpenInterestPoint> valued(List<BybitOpenInterestSample> samples, List<KlineBar> bars) {
    NavigableMap<Long, Double> closeByEnd = new TreeMap<>();
    for (KlineBar bar : bars) {
      closeByEnd.put(bar.closeTimeMs() + 1, bar.close());
    }
    List<BackfillInputs.OpenInterestPoint> points = new ArrayList<>(samples.size());
    if (closeByEnd.isEmpty()) {
      return points;
    }
    for (BybitOpenInterestSample sample : samples) {
      Map.Entry<Long, Double> close = closeByEnd.floorEntry(sample.timeMs());
      double price = close != null ? close.getValue() : closeByEnd.firstEntry().getValue();
      points.add(new BackfillInputs.OpenInterestPoint(sample.timeMs(), sample.oiBase(), sample.oiBase() * price));
    }
    return points;
  }

  /** What the chunks returned so far; filled by one chain, step after step. */
  private static final class Collected {
    final List<KlineBar> bars = new ArrayList<>();
    final List<BybitOpenInterestSample> openInterest = new ArrayList<>();
    final List<BackfillInputs.RatioPoint> ratios = new ArrayList<>();
  }
}
