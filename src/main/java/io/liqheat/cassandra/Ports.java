package io.liqheat.cassandra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** TCP port checks on the loopback address, where the embedded node listens. */
public final class Ports {

  /** The only address the embedded node binds to; it is never reachable from other machines. */
  public static final String HOST = "127.0.0.1";

  private Ports() {}

  /**
   * True when nothing listens on the port. SO_REUSEADDR is on, as it is for Cassandra's own
   * sockets, so a port that only has connections in TIME_WAIT counts as free, and a listener on
   * the wildcard address counts as taken.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** True when something accepts a connection on the port within the timeout. */
  public static boolean accepts(int port, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), timeoutMillis);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /**
   * {@code count} distinct ports that were free a moment ago. All sockets are held open until every
   * port is chosen, so the operating system cannot hand out the same port twice.
   */
  public static int[] freePorts(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new CassandraException("could not find a free TCP port on " + HOST + ": " + e, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a socket we only used to reserve a number; nothing to recover.
        }
      }
    }
  }
}
