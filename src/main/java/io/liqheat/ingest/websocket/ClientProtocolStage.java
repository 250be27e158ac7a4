package io.liqheat.ingest.websocket;

import io.liqheat.ingest.RawMessages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SubscriptionWithCancelException;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The client side of one WebSocket connection, between the application and a TCP (or TLS) byte
 * stream:
 *
 * <pre>
 *   texts to send  ──► appIn ──┐            ┌──► netOut ──► socket
 *                              │  this stage │
 *   RawMessages    ◄── appOut ◄┘            └◄── netIn  ◄── socket
 * </pre>
 *
 * <p>It sends the upgrade request, verifies the answer (the materialized value completes on a valid
 * 101 and fails on anything else), then decodes frames: every complete text message of one read goes
 * downstream as one {@link RawMessages}; pings are answered with pongs at once, ahead of anything the
 * application still has to send; a server's close is answered with a close and ends the stream with
 * a {@link WebSocketClosedException}. Texts from {@code appIn} leave as masked text frames, one at a
 * time as the socket takes them; {@code appIn} finishing does not close the connection.
 *
 * <p>When downstream cancels (the stale cut, the age cut, a stop), the stage starts the close
 * handshake: it sends close 1000, discards what still arrives and ends when the server's close comes
 * back, or after {@code closeTimeout}. A protocol error sends the close code it calls for and fails.
 *
 * <p>Backpressure: the next read is pulled from the socket only once the previous read's messages
 * were taken downstream.
 */
final class ClientProtocolStage extends AbstractGraphStageWithMaterializedValue<BidiShape<String, ByteString, ByteString, RawMessages>,
    CompletionStage<Done>> {

  private static final String HANDSHAKE_TIMER = "handshake";
  private static final String CLOSE_TIMER = "close";

  private final Inlet<String> appIn = Inlet.create("WebSocketClient.appIn");
  private final Outlet<ByteString> netOut = Outlet.create("WebSocketClient.netOut");
  private final Inlet<ByteString> netIn = Inlet.create("WebSocketClient.netIn");
  private final Outlet<RawMessages> appOut = Outlet.create("WebSocketClient.appOut");
  private final BidiShape<String, ByteString, ByteString, RawMessages> shape = BidiShape.of(appIn, netOut, netIn, appOut);

  private final URI url;
  private final WebSocketClientSettings settings;

  ClientProtocolStage(URI url, WebSocketClientSettings settings) {
    this.url = url;
    this.settings = settings;
  }

  @Override
  public BidiShape<String, ByteString, ByteString, RawMessages> shape() {
    return shape;
  }

  /** Where the connection is: the close handshake has two, after our close or after the server's. */
  private enum Phase { HANDSHAKE, OPEN, CLOSE_SENT, CLOSE_RECEIVED }

  @Override
  public Pair<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValuePair(Attributes attributes) {
    CompletableFuture<Done> upgraded = new CompletableFuture<>();
    return Pair.create(new Logic(upgraded), upgraded);
  }

  private final class Logic extends TimerGraphStageLogic implements FrameHandler {

    private final CompletableFuture<Done> upgraded;
    // Masking keys must be unpredictable (RFC 6455 10.3); the frames are few, so SecureRandom costs nothing.
    private final SecureRandom random = new SecureRandom();
    private final String key = WebSocketHandshake.newKey(random);
    private final FrameDecoder decoder = new FrameDecoder(false, settings.maxMessageBytes());
    private final ArrayDeque<ByteString> outgoing = new ArrayDeque<>();
    private RawMessages.Builder received = new RawMessages.Builder();
    private RawMessages pending;
    private final HttpHeadReader head = new HttpHeadReader();
    private Phase phase = Phase.HANDSHAKE;
    private boolean closeAnswered;
    private boolean protocolError;
    private boolean completeNetAfterFlush;
    private WebSocketClosedException closedByServer;

    Logic(CompletableFuture<Done> upgraded) {
      super(shape);
      this.upgraded = upgraded;

      setHandler(appIn, new AbstractInHandler() {
        @Override
        public void onPush() {
          byte[] text = grab(appIn).getBytes(StandardCharsets.UTF_8);
          send(FrameEncoder.clientFrame(FrameDecoder.TEXT, text, random));
        }

        @Override
        public void onUpstreamFinish() {
          // The subscriptions were sent; the connection lives on.
        }
      });

      setHandler(netOut, new AbstractOutHandler() {
        @Override
        public void onPull() {
          flush();
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          if (!(cause instanceof SubscriptionWithCancelException.NonFailureCancellation)) {
            fail(cause);
          } else if (isClosed(netIn)) {
            connectionEnded();
          }
          // Otherwise the socket's read side tells how it ended: a TLS failure (an untrusted
          // certificate, a host name it does not name) cancels this side first, then fails that one.
        }
      });

      setHandler(netIn, new AbstractInHandler() {
        @Override
        public void onPush() {
          read(grab(netIn));
        }

        @Override
        public void onUpstreamFinish() {
          connectionEnded();
        }

        @Override
        public void onUpstreamFailure(Throwable failure) {
          fail(failure);
        }
      });

      setHandler(appOut, new AbstractOutHandler() {
        @Override
        public void onPull() {
          if (pending != null) {
            push(appOut, pending);
            pending = null;
            pullNet();
          }
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          startClose();
        }
      });
    }

    @Override
    public void preStart() {
      send(WebSocketHandshake.request(url, key));
      pull(netIn);
      scheduleOnce(HANDSHAKE_TIMER, settings.handshakeTimeout());
    }

    @Override
    public void onTimer(Object timerKey) {
      if (HANDSHAKE_TIMER.equals(timerKey) && phase == Phase.HANDSHAKE) {
        fail(new WebSocketHandshakeException("no answer to the WebSocket upgrade request within " + settings.handshakeTimeout()));
      } else if (CLOSE_TIMER.equals(timerKey)) {
        // The peer did not finish the close handshake in time: the socket is dropped all the same.
        connectionEnded();
      }
    }

    /** The socket closed (or the close timed out): how that ends the stream depends on the phase. */
    private void connectionEnded() {
      switch (phase) {
        case HANDSHAKE -> fail(new WebSocketHandshakeException("the connection closed before the WebSocket upgrade was answered"));
        case OPEN -> deliverThenFail(new WebSocketClosedException("the connection closed without a close frame (1006)"));
        case CLOSE_SENT -> completeStage();
        case CLOSE_RECEIVED -> deliverThenFail(closedByServer);
      }
    }

    private void read(ByteString chunk) {
      if (phase == Phase.HANDSHAKE) {
        handshake(chunk);
        return;
      }
      if (protocolError) {
        pullNet(); // the decoder is lost; what follows is discarded until the socket closes
        return;
      }
      byte[] bytes = chunk.toArrayUnsafe();
      try {
        decoder.feed(bytes, 0, bytes.length, this);
      } catch (WebSocketProtocolException e) {
        failProtocol(e);
        return;
      }
      if (closeAnswered) {
        completeStage();
        return;
      }
      if (!received.isEmpty()) {
        if (isAvailable(appOut)) {
          push(appOut, received.build());
        } else {
          pending = received.build();
          return;
        }
      }
      pullNet();
    }

    private void handshake(ByteString chunk) {
      try {
        HttpHead response = head.offer(chunk);
        if (response == null) {
          pull(netIn);
          return;
        }
        WebSocketHandshake.verifyResponse(response, key);
      } catch (IllegalArgumentException e) {
        fail(new WebSocketHandshakeException("the answer to the WebSocket upgrade: " + e.getMessage()));
        return;
      } catch (WebSocketHandshakeException e) {
        fail(e);
        return;
      }
      phase = Phase.OPEN;
      cancelTimer(HANDSHAKE_TIMER);
      upgraded.complete(Done.getInstance());
      flush();
      if (head.rest().isEmpty()) {
        pull(netIn);
      } else {
        read(head.rest());
      }
    }

    @Override
    public void text(byte[] bytes, int offset, int length) {
      if (phase == Phase.OPEN) {
        received.add(bytes, offset, length);
      }
    }

    @Override
    public void binary(byte[] bytes, int offset, int length) {
      // The exchanges' public streams are text; a binary message carries nothing liqheat reads.
    }

    @Override
    public void ping(byte[] payload) {
      if (phase == Phase.OPEN) {
        // Ahead of queued texts: Binance disconnects a client whose pong is late.
        outgoing.addFirst(ByteString.fromArrayUnsafe(FrameEncoder.clientFrame(FrameDecoder.PONG, payload, random)));
        flush();
      }
    }

    @Override
    public void pong(byte[] payload) {
      // Unsolicited pongs are allowed and mean nothing; the exchanges' own pings are texts.
    }

    @Override
    public void close(int code, String reason) {
      if (phase == Phase.CLOSE_SENT) {
        // The answer to our close: the close handshake is complete.
        closeAnswered = true;
        return;
      }
      if (phase == Phase.OPEN) {
        send(FrameEncoder.clientFrame(FrameDecoder.CLOSE, FrameEncoder.closePayload(code, ""), random));
        closedByServer = new WebSocketClosedException("closed by the server: " + code + (reason.isEmpty() ? "" : " " + reason));
        phase = Phase.CLOSE_RECEIVED;
        // The server closes the socket once it has our answer; if it does not, the timer ends the connection.
        scheduleOnce(CLOSE_TIMER, settings.closeTimeout());
      }
    }

    /**
     * Downstream learns of the error at once; the peer gets the close code, written out before the
     * socket closes (failing the stage would reset the socket with the close frame still unsent).
     */
    private void failProtocol(WebSocketProtocolException e) {
      protocolError = true;
      fail(appOut, new WebSocketProtocolException(e.closeCode(), "WebSocket protocol error: " + e.getMessage()));
      phase = Phase.CLOSE_SENT;
      pending = null;
      send(FrameEncoder.clientFrame(FrameDecoder.CLOSE, FrameEncoder.closePayload(e.closeCode(), ""), random));
      completeNetAfterFlush = true;
      flush();
      scheduleOnce(CLOSE_TIMER, settings.closeTimeout());
      pullNet();
    }

    private void startClose() {
      if (phase != Phase.OPEN) {
        completeStage();
        return;
      }
      phase = Phase.CLOSE_SENT;
      pending = null;
      send(FrameEncoder.clientFrame(FrameDecoder.CLOSE, FrameEncoder.closePayload(1000, ""), random));
      scheduleOnce(CLOSE_TIMER, settings.closeTimeout());
      pullNet();
    }

    private void pullNet() {
      if (!hasBeenPulled(netIn) && !isClosed(netIn)) {
        pull(netIn);
      }
    }

    private void send(byte[] frame) {
      outgoing.addLast(ByteString.fromArrayUnsafe(frame));
      flush();
    }

    private void flush() {
      if (!outgoing.isEmpty() && isAvailable(netOut)) {
        push(netOut, outgoing.pollFirst());
      }
      if (!outgoing.isEmpty()) {
        return;
      }
      if (completeNetAfterFlush) {
        complete(netOut);
      } else if (phase == Phase.OPEN && !hasBeenPulled(appIn) && !isClosed(appIn)) {
        pull(appIn);
      }
    }

    /** Messages already read still go downstream; then the stream fails with the reason the connection ended. */
    private void deliverThenFail(RuntimeException failure) {
      if (pending != null && !isClosed(appOut)) {
        RawMessages last = pending;
        pending = null;
        emit(appOut, last, () -> fail(failure));
      } else {
        fail(failure);
      }
    }

    private void fail(Throwable failure) {
      upgraded.completeExceptionally(failure);
      failStage(failure);
    }

    @Override
    public void postStop() {
      upgraded.completeExceptionally(new WebSocketHandshakeException("the connection ended before the WebSocket upgrade was answered"));
    }
  }
}
