package io.liqheat.loadtest;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;

/**
 * Cuts a stream's bytes into events at the blank line that ends each one (LF LF: this server ends
 * lines with LF only).
 *
 * <p>Why not {@code Framing.delimiter}: with a delimiter of more than one byte it compares candidate
 * positions through Scala's generic sequence equality, boxing every byte; at 10,000 subscribers that
 * kept the client's two cores busy and the ramp slow. Here each new chunk is scanned once with
 * {@code ByteString.indexOf(byte)}.
 */
final class SseEventSplitter {

  private static final byte LF = '\n';

  /** Bytes after the last complete event, and how far they have been searched already. */
  private record Pending(ByteString bytes, int searchedUpTo) {
    static final Pending NONE = new Pending(ByteString.emptyByteString(), 0);
  }

  private SseEventSplitter() {}

  /**
   * The events, without their closing blank line; fails the stream when one grows past {@code
   * maxEventBytes}, which only a broken stream does.
   */
  static Flow<ByteString, ByteString, NotUsed> events(int maxEventBytes) {
    return Flow.<ByteString>create()
        .statefulMap(
            () -> Pending.NONE,
            (pending, chunk) -> split(pending, chunk, maxEventBytes),
            pending -> java.util.Optional.empty())
        .mapConcat(events -> events);
  }

  private static Pair<Pending, List<ByteString>> split(Pending pending, ByteString chunk, int maxEventBytes) {
    ByteString bytes = pending.bytes().concat(chunk);
    List<ByteString> events = new ArrayList<>(1);
    int eventStart = 0;
    // A LF at the end of the old bytes may pair with one at the start of the chunk.
    int from = Math.max(0, pending.searchedUpTo() - 1);
    while (true) {
      int lf = bytes.indexOf(LF, from);
      if (lf < 0 || lf + 1 >= bytes.length()) {
        break;
      }
      if (bytes.apply(lf + 1) == LF) {
        events.add(bytes.slice(eventStart, lf));
        eventStart = lf + 2;
        from = eventStart;
      } else {
        from = lf + 1;
      }
    }
    ByteString rest = bytes.drop(eventStart);
    if (rest.length() > maxEventBytes) {
      throw new IllegalStateException("an event grew past " + maxEventBytes + " bytes without ending");
    }
    return Pair.create(new Pending(rest, rest.length()), events);
  }
}
