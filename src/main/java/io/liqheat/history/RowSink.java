package io.liqheat.history;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Where the read-side rows of one market's replay go, chunk by chunk in journal order: written
 * ({@link RowWriter}) or compared with what is stored ({@link RowComparison}).
 */
interface RowSink {

  /** How many chunks may be in flight at once; a sink with state across chunks takes one. */
  int parallelism();

  /** Takes the next chunk's rows, each version's in window order. */
  CompletionStage<Done> accept(List<FrozenFrameRow> rows);

  /** After the last chunk: what is left to do, and what was found wrong. */
  CompletionStage<List<Mismatch>> finish();
}
