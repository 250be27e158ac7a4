package io.liqheat.ingest.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a decoder reported, as readable events ("text Hello", "ping Hello", "close 1000 bye").
 * Message slices are kept as handed over and read only when asked, so a decoder that wrote into an
 * array it had already handed out would show up as changed text.
 */
final class RecordingHandler implements FrameHandler {

  private record Event(String kind, byte[] bytes, int offset, int length) {}

  private final List<Event> events = new ArrayList<>();

  @Override
  public void text(byte[] bytes, int offset, int length) {
    events.add(new Event("text", bytes, offset, length));
  }

  @Override
  public void binary(byte[] bytes, int offset, int length) {
    events.add(new Event("binary", bytes, offset, length));
  }

  @Override
  public void ping(byte[] payload) {
    events.add(new Event("ping", payload, 0, payload.length));
  }

  @Override
  public void pong(byte[] payload) {
    events.add(new Event("pong", payload, 0, payload.length));
  }

  @Override
  public void close(int code, String reason) {
    byte[] text = (code + (reason.isEmpty() ? "" : " " + reason)).getBytes(StandardCharsets.UTF_8);
    events.add(new Event("close", text, 0, text.length));
  }

  /** Events as "kind payload"; binary payloads as their length ("binary 256 bytes"). */
  List<String> events() {
    return events.stream()
        .map(e -> e.kind() + " " + (e.kind().equals("binary")
            ? e.length() + " bytes"
            : new String(e.bytes(), e.offset(), e.length(), StandardCharsets.UTF_8)))
        .toList();
  }

  /** The binary payloads, copied out. */
  List<byte[]> binaries() {
    return events.stream().filter(e -> e.kind().equals("binary"))
        .map(e -> java.util.Arrays.copyOfRange(e.bytes(), e.offset(), e.offset() + e.length())).toList();
  }
}
