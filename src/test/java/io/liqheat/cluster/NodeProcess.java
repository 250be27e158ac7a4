package io.liqheat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One liqheat node in a JVM of its own, started the way {@code bin/liqheat serve} starts it (same
 * main class, a config file), on the test's classpath. Stopping sends SIGTERM (coordinated
 * shutdown: the node leaves and its shards hand over); killing sends SIGKILL.
 */
final class NodeProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int arteryPort;
  final int httpPort;
  private final Path config;
  private final Path log;
  private Process process;

  private NodeProcess(String name, int arteryPort, int httpPort, Path config, Path log) {
    this.name = name;
    this.arteryPort = arteryPort;
    this.httpPort = httpPort;
    this.config = config;
    this.log = log;
  }

  /** A node's ports and files; {@link #start} runs it with {@code settings} under its own ports and the seeds. */
  static NodeProcess plan(String name, Path dir) {
    return new NodeProcess(name, freePort(), freePort(), dir.resolve(name + ".conf"), dir.resolve(name + ".log"));
  }

  String seedAddress() {
    return "pekko://liqheat@127.0.0.1:" + arteryPort;
  }

  void start(String settings, List<NodeProcess> seeds) {
    String seedList = String.join(", ", seeds.stream().map(seed -> "\"" + seed.seedAddress() + "\"").toList());
    String text = settings
        + "pekko.remote.artery.canonical { hostname = \"127.0.0.1\", port = " + arteryPort + " }\n"
        + "pekko.cluster.seed-nodes = [" + seedList + "]\n"
        + "liqheat.http.port = " + httpPort + "\n";
    try {
      Files.writeString(config, text, StandardCharsets.UTF_8);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      process = new ProcessBuilder(java, "-Xmx640m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
              "-cp", System.getProperty("java.class.path"),
              "io.liqheat.cli.LiqheatCommand", "serve", "--config", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no hand-over; the JVM is gone at once. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for coordinated shutdown to finish; true if the JVM exited. */
  boolean stop(Duration within) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return true;
    }
    process.destroy();
    return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
  }

  /** GET, returning status and body; status 0 when nothing answers. */
  HttpResponse<String> get(String pathAndQuery) {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status(String pathAndQuery) {
    HttpResponse<String> response = get(pathAndQuery);
    return response == null ? 0 : response.statusCode();
  }

  /** The last lines of the node's log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive() && !stop(Duration.ofSeconds(60))) {
      kill();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
