package io.liqheat.market;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** Reads a market's journal as it is in Cassandra, for assertions. */
final class JournalReader {

  private JournalReader() {}

  static List<WindowFrozen> events(ActorSystem<?> system, MarketId market) throws Exception {
    CassandraReadJournal journal = PersistenceQuery.get(system)
        .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    return journal.currentEventsByPersistenceId(MarketSharding.persistenceId(market).id(), 0, Long.MAX_VALUE)
        .map(EventEnvelope::event)
        .map(WindowFrozen.class::cast)
        .runWith(Sink.seq(), system)
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }
}
