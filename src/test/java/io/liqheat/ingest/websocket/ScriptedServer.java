package io.liqheat.ingest.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A WebSocket peer scripted byte by byte, on a real loopback socket: it accepts one connection and
 * runs a script that reads the client's upgrade request and frames (through a server-side
 * {@link FrameDecoder}, which insists on masked frames) and writes whatever bytes the test wants,
 * well-formed or not. Independent of the client under test except for the frame codec.
 */
final class ScriptedServer implements AutoCloseable {

  @FunctionalInterface
  interface Script<T> {
    T run(Peer peer) throws Exception;
  }

  private final ServerSocket socket;

  ScriptedServer() throws IOException {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Serves one connection with {@code script} on a thread of its own; the future has its result or failure. */
  <T> CompletableFuture<T> serve(Script<T> script) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try (Socket connection = socket.accept()) {
        connection.setSoTimeout(10_000);
        result.complete(script.run(new Peer(connection.getInputStream(), connection.getOutputStream())));
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "scripted-websocket-server");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** One connection as the script sees it. */
  static final class Peer {

    private final InputStream in;
    private final OutputStream out;
    private final FrameDecoder decoder = new FrameDecoder(true, 1 << 20);
    private final RecordingHandler frames = new RecordingHandler();
    private int framesTaken;
    private byte[] leftover = new byte[0];

    Peer(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    /** Reads the client's upgrade request head. */
    HttpHead request() throws IOException {
      byte[] head = new byte[HttpHead.MAX_BYTES];
      int filled = 0;
      while (HttpHead.length(head, filled) < 0) {
        int read = in.read(head, filled, head.length - filled);
        if (read < 0) {
          throw new IOException("the client closed before its request was complete");
        }
        filled += read;
      }
      int length = HttpHead.length(head, filled);
      leftover = java.util.Arrays.copyOfRange(head, length, filled);
      return HttpHead.parse(head, length);
    }

    /** Reads the request and accepts it; returns the request. */
    HttpHead upgrade() throws IOException {
      HttpHead request = request();
      write(WebSocketHandshake.switchingProtocols(WebSocketHandshake.clientKey(request)));
      return request;
    }

    void write(byte[]... parts) throws IOException {
      for (byte[] part : parts) {
        out.write(part);
      }
      out.flush();
    }

    /** The client's next frame, as RecordingHandler's event text ("text ...", "pong ...", "close 1000"). */
    String nextFrame() throws IOException {
      if (leftover.length > 0) {
        byte[] pending = leftover;
        leftover = new byte[0];
        decoder.feed(pending, 0, pending.length, frames);
      }
      byte[] buffer = new byte[4096];
      while (frames.events().size() <= framesTaken) {
        int read = in.read(buffer);
        if (read < 0) {
          return "end of stream";
        }
        decoder.feed(java.util.Arrays.copyOf(buffer, read), 0, read, frames);
      }
      List<String> events = frames.events();
      return events.get(framesTaken++);
    }
  }
}
