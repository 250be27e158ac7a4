package io.liqheat.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The SSE subscribers: each its own TCP connection (as browsers behind one address would be), all
 * served by one thread and one selector. The thread opens the streams at the asked rate (at most
 * that many unanswered at once), sends each a plain HTTP/1.1 GET, and reads every stream's bytes
 * into its {@link Subscriber}, noting the wall-clock time of each read as the receipt time of the
 * events in it.
 *
 * <p>Why one selector thread and no Pekko, Netty or Gatling: the client shares the server's two
 * cores, so every microsecond it spends per event is taken from the server and shows up as latency.
 * The Pekko HTTP client (a stream graph, an HTTP client stage and a TCP actor per connection) used
 * 83 % of a core at 10,000 subscribers, about 100 us per event, as much as the server
 * ({@code loadtest/results/sse-2026-11-24-shared-bytes.txt}); its per-event costs are the actor
 * messages and stream stages around each read, which a Pekko Streams TCP client keeps. Here an
 * event costs one read of the socket (often several events at once) and one pass over its bytes.
 */
final class Subscribers implements AutoCloseable {

  /** Big enough that one read drains what a stream received between two selects. */
  private static final int READ_BUFFER = 256 * 1024;

  private final InetSocketAddress address;
  private final String host;
  private final StreamPlan plan;
  private final StreamTally tally;
  private final Selector selector;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
  private final CountDownLatch allAnswered = new CountDownLatch(1);
  private final Thread loop;
  private final List<SocketChannel> channels = new ArrayList<>();

  private int requested;
  private int perSecond;
  private int started;
  private int unanswered;
  private long rampStartNanos;
  private volatile boolean stop;

  Subscribers(URI server, StreamPlan plan, StreamTally tally) throws IOException {
    this.address = new InetSocketAddress(server.getHost(), server.getPort());
    this.host = server.getHost() + ":" + server.getPort();
    this.plan = plan;
    this.tally = tally;
    this.selector = Selector.open();
    this.loop = new Thread(this::run, "sse-subscribers");
    // Never the thing that keeps the JVM alive: a failed measurement must end the process.
    loop.setDaemon(true);
  }

  /** Opens {@code count} streams, {@code perSecond} per second, on the event loop's thread. */
  void open(int count, int perSecond) {
    this.requested = count;
    this.perSecond = perSecond;
    this.rampStartNanos = System.nanoTime();
    loop.start();
  }

  /** Waits until every stream has been answered (opened, refused or failed to connect). */
  boolean awaitAnswered(long seconds) throws InterruptedException {
    return allAnswered.await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    tally.markClosing();
    stop = true;
    selector.wakeup();
    loop.join(TimeUnit.SECONDS.toMillis(30));
  }

  private void run() {
    try {
      while (!stop) {
        long waitMs = openDue();
        selector.select(waitMs);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          handle(key);
        }
      }
    } catch (IOException | RuntimeException e) {
      tally.problem("client event loop failed: " + e);
      allAnswered.countDown();
    } finally {
      for (SocketChannel channel : channels) {
        closeQuietly(channel);
      }
      try {
        selector.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }

  /** Starts the streams that are due by now; returns how long to wait before the next is due. */
  private long openDue() {
    if (started == requested) {
      return 100;
    }
    double elapsedSeconds = (System.nanoTime() - rampStartNanos) / 1e9;
    int due = (int) Math.min(requested, 1 + Math.floor(elapsedSeconds * perSecond));
    while (started < due && unanswered < perSecond) {
      start(started++);
    }
    return started == requested ? 100 : Math.max(1, 1000 / perSecond);
  }

  private void start(int index) {
    Subscriber subscriber = new Subscriber(plan.isAsset(index), tally);
    ByteBuffer request = ByteBuffer.wrap(("GET " + plan.path(index) + " HTTP/1.1\r\nHost: " + host
        + "\r\nAccept: text/event-stream\r\nUser-Agent: liqheat-sse-loadtest\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    unanswered++;
    try {
      SocketChannel channel = SocketChannel.open();
      channels.add(channel);
      channel.configureBlocking(false);
      Connection connection = new Connection(subscriber, request);
      if (channel.connect(address)) {
        channel.register(selector, SelectionKey.OP_WRITE, connection);
      } else {
        channel.register(selector, SelectionKey.OP_CONNECT, connection);
      }
    } catch (IOException e) {
      failedToConnect(e);
    }
  }

  private record Connection(Subscriber subscriber, ByteBuffer request) {}

  private void handle(SelectionKey key) {
    Connection connection = (Connection) key.attachment();
    SocketChannel channel = (SocketChannel) key.channel();
    boolean wasWaiting = connection.subscriber().waitingForHead();
    try {
      if (key.isConnectable()) {
        channel.finishConnect();
        key.interestOps(SelectionKey.OP_WRITE);
      }
      if (key.isValid() && key.isWritable()) {
        channel.write(connection.request());
        if (!connection.request().hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
        }
      }
      if (key.isValid() && key.isReadable()) {
        read(key, channel, connection.subscriber());
      }
    } catch (IOException e) {
      lost(key, connection.subscriber(), e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (ProtocolException e) {
      tally.problem("broken stream: " + e.getMessage());
      lost(key, connection.subscriber(), "protocol error");
    } finally {
      if (wasWaiting && !connection.subscriber().waitingForHead()) {
        answered();
      }
    }
  }

  private void read(SelectionKey key, SocketChannel channel, Subscriber subscriber) throws IOException, ProtocolException {
    // A few reads at most, so one busy stream cannot hold the others up.
    for (int reads = 0; reads < 4; reads++) {
      readBuffer.clear();
      int count = channel.read(readBuffer);
      if (count < 0) {
        subscriber.onClosed();
        lost(key, subscriber, "closed by the server");
        return;
      }
      if (count == 0) {
        return;
      }
      tally.bytes.add(count);
      if (!subscriber.onBytes(readBuffer.array(), 0, count, System.currentTimeMillis())) {
        key.cancel();
        closeQuietly(channel);
        return;
      }
      if (count < READ_BUFFER) {
        return;
      }
    }
  }

  /**
   * A connection that fails or closes: before its answer a refusal, after an event stream began an
   * early end (a refusal's own answer was counted when it came).
   */
  private void lost(SelectionKey key, Subscriber subscriber, String reason) {
    key.cancel();
    closeQuietly((SocketChannel) key.channel());
    if (subscriber.waitingForHead()) {
      tally.refused(reason);
      tally.answered.incrementAndGet();
      answered();
    } else if (subscriber.opened() && !tally.closing()) {
      tally.ended(reason);
    }
  }

  private void failedToConnect(IOException e) {
    tally.refused("connect: " + e.getMessage());
    tally.answered.incrementAndGet();
    answered();
  }

  private void answered() {
    unanswered--;
    if (tally.answered.get() == requested) {
      allAnswered.countDown();
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do about a socket that fails to close.
    }
  }
}
