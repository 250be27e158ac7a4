package io.liqheat.history;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Every page of an asynchronous result, fetched one after the other without blocking a thread. */
final class ResultPages {

  private ResultPages() {}

  /** The rows of {@code page} and of every page after it. */
  static CompletionStage<List<Row>> allRows(AsyncResultSet page) {
    return collect(page, Function.identity(), new ArrayList<>());
  }

  /** Each row of {@code page} and of every page after it, mapped and appended to {@code into}. */
  static <T> CompletionStage<List<T>> collect(AsyncResultSet page, Function<Row, T> map, List<T> into) {
    for (Row row : page.currentPage()) {
      into.add(map.apply(row));
    }
    return page.hasMorePages()
        ? page.fetchNextPage().thenCompose(next -> collect(next, map, into))
        : CompletableFuture.completedFuture(into);
  }
}
