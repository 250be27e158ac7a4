package io.liqheat.sim;

import io.liqheat.ingest.websocket.FrameDecoder;
import io.liqheat.ingest.websocket.FrameEncoder;
import io.liqheat.ingest.websocket.FrameHandler;
import io.liqheat.ingest.websocket.HttpHead;
import io.liqheat.ingest.websocket.HttpHeadReader;
import io.liqheat.ingest.websocket.WebSocketHandshake;
import io.liqheat.ingest.websocket.WebSocketProtocolException;
import io.liqheat.market.Exchange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The simulator's load mode: a WebSocket server on the exchange's stream paths that, after a real
 * RFC 6455 handshake, writes pre-rendered frames ({@link LoadFrames}) in an endless loop, as fast as
 * the client reads them (TCP backpressure sets the pace, so the rate measured is the client's).
 *
 * <p>Why not the normal simulator's Pekko HTTP WebSocket route: that server builds, frames and
 * writes every message as a stream element of its own, which costs about what the client under test
 * costs per message; on 2 shared cores it would be measured instead of the client. Here the frames
 * are encoded once, at start, and written in blocks of about 64 KiB, so serving a block costs one
 * stream element whatever its message count; it shares the frame codec with liqheat's client. The
 * demo and the tests keep the Pekko HTTP simulator, an independent implementation to test against.
 *
 * <p>What the client sends is read and answered as a server must: pings get pongs, a close gets a
 * close back and ends the connection; texts (subscriptions, application pings) are ignored. A request
 * for another path is answered 404, one that is not a valid upgrade 400.
 */
public final class LoadStreamServer {

  private static final int BLOCK_BYTES = 64 * 1024;

  /** Whole frames, encoded, and how many frames and trades they hold. */
  private record Block(ByteString bytes, int frames, int trades) {}

  private final Exchange exchange;
  private final List<Block> blocks;
  private final LongAdder framesSent = new LongAdder();
  private final LongAdder tradesSent = new LongAdder();
  private Tcp.ServerBinding binding;

  private LoadStreamServer(Exchange exchange, List<Block> blocks) {
    this.exchange = exchange;
    this.blocks = blocks;
  }

  /** Binds on {@code host:port} (0 for any free port) and serves {@code frames} to every connection. */
  public static LoadStreamServer start(ActorSystem<?> system, String host, int port, Exchange exchange,
      List<LoadFrames.Frame> frames) throws Exception {
    LoadStreamServer server = new LoadStreamServer(exchange, blocks(frames));
    server.binding = Tcp.get(system).bind(host, port)
        .to(Sink.foreach(connection -> connection.handleWith(Flow.fromGraph(server.new ConnectionStage()), system)))
        .run(system)
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return server;
  }

  private static List<Block> blocks(List<LoadFrames.Frame> frames) {
    List<Block> blocks = new ArrayList<>();
    ByteArrayOutputStream block = new ByteArrayOutputStream(BLOCK_BYTES + 4096);
    int blockFrames = 0;
    int blockTrades = 0;
    for (LoadFrames.Frame frame : frames) {
      block.writeBytes(FrameEncoder.serverFrame(true, FrameDecoder.TEXT, frame.text().getBytes(StandardCharsets.UTF_8)));
      blockFrames++;
      blockTrades += frame.trades();
      if (block.size() >= BLOCK_BYTES) {
        blocks.add(new Block(ByteString.fromArrayUnsafe(block.toByteArray()), blockFrames, blockTrades));
        block.reset();
        blockFrames = 0;
        blockTrades = 0;
      }
    }
    if (blockFrames > 0) {
      blocks.add(new Block(ByteString.fromArrayUnsafe(block.toByteArray()), blockFrames, blockTrades));
    }
    return List.copyOf(blocks);
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public long framesSent() {
    return framesSent.sum();
  }

  public long tradesSent() {
    return tradesSent.sum();
  }

  public CompletionStage<?> unbind() {
    return binding.unbind();
  }

  /** The exchange's own stream paths: Binance's combined and raw streams, Bybit's linear, OKX's public. */
  static boolean streamPath(Exchange exchange, String path) {
    return switch (exchange) {
      case BINANCE -> path.equals("/stream") || path.equals("/ws") || path.startsWith("/ws/");
      case BYBIT -> path.equals("/v5/public/linear");
      case OKX -> path.equals("/ws/v5/public");
    };
  }

  /** One connection: handshake, then blocks in a loop, with the client's control frames answered in between. */
  private final class ConnectionStage extends GraphStage<FlowShape<ByteString, ByteString>> {

    private final Inlet<ByteString> in = Inlet.create("LoadStreamServer.in");
    private final Outlet<ByteString> out = Outlet.create("LoadStreamServer.out");
    private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);

    @Override
    public FlowShape<ByteString, ByteString> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
      return new GraphStageLogic(shape) {
        private final FrameDecoder decoder = new FrameDecoder(true, 64 * 1024);
        private final ArrayDeque<ByteString> control = new ArrayDeque<>();
        private final HttpHeadReader head = new HttpHeadReader();
        private boolean streaming;
        private boolean closing;
        private int next;

        private final FrameHandler fromClient = new FrameHandler() {
          @Override
          public void text(byte[] bytes, int offset, int length) {}

          @Override
          public void binary(byte[] bytes, int offset, int length) {}

          @Override
          public void ping(byte[] payload) {
            control.add(ByteString.fromArrayUnsafe(FrameEncoder.serverFrame(true, FrameDecoder.PONG, payload)));
          }

          @Override
          public void pong(byte[] payload) {}

          @Override
          public void close(int code, String reason) {
            control.add(ByteString.fromArrayUnsafe(FrameEncoder.serverFrame(true, FrameDecoder.CLOSE,
                FrameEncoder.closePayload(code, ""))));
            closing = true;
          }
        };

        {
          setHandler(in, new AbstractInHandler() {
            @Override
            public void onPush() {
              ByteString chunk = grab(in);
              if (streaming) {
                readFrames(chunk);
              } else {
                handshake(chunk);
              }
              if (!isClosed(in) && !closing) {
                pull(in);
              }
              write();
            }

            @Override
            public void onUpstreamFinish() {
              completeStage();
            }
          });
          setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
              write();
            }
          });
        }

        @Override
        public void preStart() {
          pull(in);
        }

        private void handshake(ByteString chunk) {
          HttpHead request;
          String key;
          try {
            request = head.offer(chunk);
            if (request == null) {
              return;
            }
            key = WebSocketHandshake.clientKey(request);
          } catch (RuntimeException e) {
            refuse("400 Bad Request");
            return;
          }
          if (!streamPath(exchange, WebSocketHandshake.path(request))) {
            refuse("404 Not Found");
            return;
          }
          control.add(ByteString.fromArrayUnsafe(WebSocketHandshake.switchingProtocols(key)));
          streaming = true;
          // Client frames that came with the request (none from liqheat's client) are read as such.
          if (!head.rest().isEmpty()) {
            readFrames(head.rest());
          }
        }

        private void readFrames(ByteString chunk) {
          byte[] bytes = chunk.toArrayUnsafe();
          try {
            decoder.feed(bytes, 0, bytes.length, fromClient);
          } catch (WebSocketProtocolException e) {
            control.add(ByteString.fromArrayUnsafe(FrameEncoder.serverFrame(true, FrameDecoder.CLOSE,
                FrameEncoder.closePayload(e.closeCode(), ""))));
            closing = true;
          }
        }

        private void refuse(String status) {
          control.add(ByteString.fromArrayUnsafe(WebSocketHandshake.refusal(status)));
          closing = true;
        }

        private void write() {
          if (!isAvailable(out)) {
            return;
          }
          if (!control.isEmpty()) {
            push(out, control.poll());
          } else if (closing) {
            completeStage();
          } else if (streaming) {
            Block block = blocks.get(next);
            next = (next + 1) % blocks.size();
            push(out, block.bytes());
            framesSent.add(block.frames());
            tradesSent.add(block.trades());
          }
        }
      };
    }
  }
}
