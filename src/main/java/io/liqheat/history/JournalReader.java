package io.liqheat.history;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.WindowFrozen;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Markets' journals read straight from the journal's tables, for rebuilds and verification: the
 * market ids from {@code all_persistence_ids}, and each market's events from {@code messages} in
 * slices of {@link #SLICE} sequence numbers, several slices at once, each one query of one page,
 * decoded off the driver's threads, and handed on in sequence order.
 *
 * <p>Why not Pekko Persistence Query ({@code currentEventsByPersistenceId}), as before: it reads
 * one market's events one page after the other and decodes them one at a time, and its page size
 * is also its buffer. At its 100-event pages the embedded node spent ~90 µs of CPU per event read,
 * at 500 and more ~25 µs, and slices in parallel read 30-46k events/s where one stream read 8-10k
 * (loadtest/results/rebuild-2026-12-05-ceilings.txt). The tables are pekko-persistence-cassandra's
 * documented schema (conf/cassandra/schema/01-journal.cql, which the plugin must not see changed
 * either), and this class only reads them; it follows the plugin's layout rules: a market's events
 * are in partition {@code (sequence_nr - 1) / target-partition-size}, or in the partition after it
 * when the persist that wrote them crossed a partition boundary (the plugin then writes the whole
 * persist to the later partition), so each slice reads both.
 *
 * <p>A market's journal must hold every sequence number from 1 to its highest: its frames can
 * only be recomputed from its first window on, and a window missing in the middle would break the
 * chain. A gap fails the command and names the sequence numbers; the plugin's own gap detection
 * ({@code gap-free-sequence-numbers}) made the same assumption.
 */
final class JournalReader {

  /** Sequence numbers per query: one page of ~5 kB events, and the chunk a market is replayed in. */
  static final int SLICE = JournalReplay.CHUNK;

  private static final String MARKET_PREFIX = MarketSharding.TYPE_KEY.name() + "|";
  private static final String PLUGIN = "pekko.persistence.cassandra";

  private final CqlSession session;
  private final Serialization serialization;
  private final Executor decoders;
  private final long partitionSize;
  private final String profile;
  private final PreparedStatement selectIds;
  private final PreparedStatement selectSlice;
  private final PreparedStatement selectLast;

  /**
   * @param config the plugin's settings ({@code pekko.persistence.cassandra}: keyspace, table,
   *     partition size, read profile) are read from it
   * @param decoders where events are deserialized, not the driver's I/O threads
   */
  JournalReader(CqlSession session, Config config, Serialization serialization, Executor decoders) {
    this.session = session;
    this.serialization = serialization;
    this.decoders = decoders;
    Config plugin = config.getConfig(PLUGIN);
    String keyspace = plugin.getString("journal.keyspace");
    String messages = keyspace + "." + plugin.getString("journal.table");
    this.partitionSize = plugin.getLong("journal.target-partition-size");
    this.profile = plugin.getString("read-profile");
    this.selectIds = session.prepare("SELECT persistence_id FROM " + keyspace + ".all_persistence_ids");
    this.selectSlice = session.prepare("SELECT sequence_nr, ser_id, ser_manifest, event FROM " + messages
        + " WHERE persistence_id = ? AND partition_nr = ? AND sequence_nr >= ? AND sequence_nr <= ?");
    this.selectLast = session.prepare("SELECT sequence_nr FROM " + messages
        + " WHERE persistence_id = ? AND partition_nr = ? ORDER BY sequence_nr DESC LIMIT 1");
  }

  /** Every market with a journal, in id order; other persistence ids (sharding's own) are not markets. */
  CompletionStage<List<MarketId>> markets() {
    return session.executeAsync(selectIds.bind().setExecutionProfileName(profile).setPageSize(5_000))
        .thenCompose(ResultPages::allRows)
        .thenApply(rows -> {
          Set<String> sorted = new TreeSet<>();
          rows.forEach(row -> {
            String id = row.getString(0);
            if (id.startsWith(MARKET_PREFIX)) {
              sorted.add(id);
            }
          });
          List<MarketId> markets = new ArrayList<>();
          sorted.forEach(id -> markets.add(MarketId.parse(id.substring(MARKET_PREFIX.length()))));
          return markets;
        });
  }

  /**
   * The market's events, 1 to the highest sequence number there is when it starts, in slices of
   * up to {@link #SLICE} in order, {@code slicesInFlight} slices read and decoded at once. Events
   * appended meanwhile are not read.
   *
   * @throws IllegalStateException (failing the stream) when a sequence number is missing, or an
   *     event is no {@link WindowFrozen}
   */
  Source<List<RecordedWindow>, NotUsed> windows(MarketId market, int slicesInFlight) {
    String id = MarketSharding.persistenceId(market).id();
    return Source.completionStage(highestSequenceNr(id, 0, 0))
        .flatMapConcat(highest -> Source.from(slices(highest))
            .mapAsync(slicesInFlight, slice -> slice(id, slice[0], slice[1])));
  }

  /** {@code 1..highest} cut into ranges of at most {@link #SLICE}, none across a partition's bounds. */
  private List<long[]> slices(long highest) {
    List<long[]> slices = new ArrayList<>();
    long from = 1;
    while (from <= highest) {
      long partitionEnd = ((from - 1) / partitionSize + 1) * partitionSize;
      long to = Math.min(highest, Math.min(partitionEnd, from + SLICE - 1));
      slices.add(new long[] {from, to});
      from = to + 1;
    }
    return slices;
  }

  /**
   * The highest sequence number of the persistence id, 0 when it has no events: the last event of
   * each partition from {@code partition} on, until two partitions in a row are empty (a persist
   * that crossed a boundary leaves the partition before it short, never empty, so one empty
   * partition may still be followed by the persist's).
   */
  private CompletionStage<Long> highestSequenceNr(String id, long partition, long highest) {
    return last(id, partition).thenCompose(last -> last != 0
        ? highestSequenceNr(id, partition + 1, Math.max(highest, last))
        : last(id, partition + 1).thenCompose(next -> next != 0
            ? highestSequenceNr(id, partition + 2, Math.max(highest, next))
            : CompletableFuture.completedFuture(highest)));
  }

  private CompletionStage<Long> last(String id, long partition) {
    return session.executeAsync(selectLast.bind(id, partition).setExecutionProfileName(profile))
        .thenApply(rows -> {
          Row row = rows.one();
          return row == null ? 0L : row.getLong(0);
        });
  }

  /** Sequence numbers {@code from..to}: from their partition and the one after it, decoded, checked, in order. */
  private CompletionStage<List<RecordedWindow>> slice(String id, long from, long to) {
    long partition = (from - 1) / partitionSize;
    CompletionStage<List<Row>> own = rows(id, partition, from, to);
    CompletionStage<List<Row>> next = rows(id, partition + 1, from, to);
    return own.thenCombine(next, (a, b) -> {
          List<Row> all = new ArrayList<>(a);
          all.addAll(b);
          return all;
        })
        .thenApplyAsync(rows -> decode(id, rows, from, to), decoders);
  }

  private CompletionStage<List<Row>> rows(String id, long partition, long from, long to) {
    return session
        .executeAsync(selectSlice.bind(id, partition, from, to).setExecutionProfileName(profile).setPageSize(SLICE + 1))
        .thenCompose(ResultPages::allRows);
  }

  private List<RecordedWindow> decode(String id, List<Row> rows, long from, long to) {
    rows.sort(Comparator.comparingLong(row -> row.getLong(0)));
    List<RecordedWindow> windows = new ArrayList<>(rows.size());
    long expected = from;
    for (Row row : rows) {
      long sequenceNr = row.getLong(0);
      if (sequenceNr != expected) {
        throw missing(id, expected, sequenceNr - 1);
      }
      Object event = serialization.deserialize(bytes(row.getByteBuffer(3)), row.getInt(1), row.getString(2)).get();
      if (!(event instanceof WindowFrozen window)) {
        throw new IllegalStateException("a market's journal holds only WindowFrozen events, but " + id + " has a "
            + event.getClass().getName() + " at " + sequenceNr);
      }
      windows.add(new RecordedWindow(window, sequenceNr));
      expected++;
    }
    if (expected != to + 1) {
      throw missing(id, expected, to);
    }
    return windows;
  }

  /**
   * The cell's bytes as the serializer takes them. The driver reads each blob cell into an array of
   * its own and wraps it whole, so that array is used as it is: copying it cost ~5 kB of garbage per
   * event, 229 MB over the rebuild benchmark's 48,000 (JFR allocation samples of a verify).
   */
  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static IllegalStateException missing(String id, long from, long to) {
    return new IllegalStateException("the journal of " + id + " has no event " + (from == to ? "" : "from ") + from
        + (from == to ? "" : " to " + to) + ", though it has later ones: a market's history is read from its first"
        + " window on, without gaps");
  }
}
