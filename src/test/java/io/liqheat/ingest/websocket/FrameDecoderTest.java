package io.liqheat.ingest.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames in, messages and control frames out: RFC 6455's own examples first (section 5.7), then the edges. */
class FrameDecoderTest {

  private static final int MAX = 1 << 20;

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Feeds {@code wire} in one piece to a decoder of a client (server false) or of a server. */
  private static List<String> decode(boolean server, byte[] wire) {
    RecordingHandler handler = new RecordingHandler();
    new FrameDecoder(server, MAX).feed(wire, 0, wire.length, handler);
    return handler.events();
  }

  private static final byte[] RFC_UNMASKED_HELLO = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
  private static final byte[] RFC_MASKED_HELLO = bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
  private static final byte[] RFC_MASK = bytes(0x37, 0xfa, 0x21, 0x3d);

  @Test
  void rfcSingleFrameUnmaskedTextMessage() {
    assertThat(decode(false, RFC_UNMASKED_HELLO)).containsExactly("text Hello");
    assertThat(FrameEncoder.serverFrame(true, FrameDecoder.TEXT, utf8("Hello"))).isEqualTo(RFC_UNMASKED_HELLO);
  }

  @Test
  void rfcSingleFrameMaskedTextMessage() {
    assertThat(decode(true, RFC_MASKED_HELLO)).containsExactly("text Hello");
    assertThat(FrameEncoder.frame(true, FrameDecoder.TEXT, utf8("Hello"), RFC_MASK)).isEqualTo(RFC_MASKED_HELLO);
  }

  @Test
  void rfcFragmentedUnmaskedTextMessage() {
    byte[] wire = concat(bytes(0x01, 0x03, 0x48, 0x65, 0x6c), bytes(0x80, 0x02, 0x6c, 0x6f));
    assertThat(decode(false, wire)).containsExactly("text Hello");
  }

  @Test
  void rfcUnmaskedPingAndMaskedPongAnswer() {
    assertThat(decode(false, bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f))).containsExactly("ping Hello");
    byte[] pong = bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    assertThat(decode(true, pong)).containsExactly("pong Hello");
    assertThat(FrameEncoder.frame(true, FrameDecoder.PONG, utf8("Hello"), RFC_MASK)).isEqualTo(pong);
  }

  @Test
  void rfc256ByteBinaryMessageWithA16BitLength() {
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    byte[] wire = concat(bytes(0x82, 0x7E, 0x01, 0x00), payload);
    RecordingHandler handler = new RecordingHandler();
    new FrameDecoder(false, MAX).feed(wire, 0, wire.length, handler);
    assertThat(handler.binaries()).singleElement().isEqualTo(payload);
    assertThat(FrameEncoder.serverFrame(true, FrameDecoder.BINARY, payload)).isEqualTo(wire);
  }

  @Test
  void rfc64KibBinaryMessageWithA64BitLength() {
    byte[] payload = new byte[65536];
    payload[0] = 1;
    payload[65535] = 2;
    byte[] wire = concat(bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00), payload);
    RecordingHandler handler = new RecordingHandler();
    new FrameDecoder(false, MAX).feed(wire, 0, wire.length, handler);
    assertThat(handler.binaries()).singleElement().isEqualTo(payload);
    assertThat(FrameEncoder.serverFrame(true, FrameDecoder.BINARY, payload)).isEqualTo(wire);
  }

  /** Every kind of frame and length form in one stream, with a ping between two fragments. */
  private static byte[] mixedStream() {
    byte[] medium = utf8("{\"m\":\"" + "x".repeat(300) + "\"}");
    // A 64-bit length need not be minimal for the decoder: a short payload keeps the split test quick.
    byte[] longForm = concat(bytes(0x81, 0x7F, 0, 0, 0, 0, 0, 0, 0, 12), utf8("64-bit form!"));
    return concat(
        RFC_UNMASKED_HELLO,
        FrameEncoder.serverFrame(false, FrameDecoder.TEXT, utf8("{\"a\":")),
        FrameEncoder.serverFrame(true, FrameDecoder.PING, utf8("keep")),
        FrameEncoder.serverFrame(false, FrameDecoder.CONTINUATION, utf8("1,")),
        FrameEncoder.serverFrame(true, FrameDecoder.CONTINUATION, utf8("\"b\":2}")),
        FrameEncoder.serverFrame(true, FrameDecoder.TEXT, new byte[0]),
        FrameEncoder.serverFrame(true, FrameDecoder.TEXT, medium),
        longForm,
        FrameEncoder.serverFrame(true, FrameDecoder.PONG, new byte[0]),
        FrameEncoder.serverFrame(true, FrameDecoder.TEXT, utf8("héllo, wörld")),
        FrameEncoder.serverFrame(true, FrameDecoder.CLOSE, FrameEncoder.closePayload(1001, "going away")));
  }

  private static List<String> expectedMixed() {
    return List.of("text Hello", "ping keep", "text {\"a\":1,\"b\":2}", "text ",
        "text {\"m\":\"" + "x".repeat(300) + "\"}", "text 64-bit form!", "pong ", "text héllo, wörld",
        "close 1001 going away");
  }

  @Test
  void aStreamOfEveryKindOfFrameDecodesInOnePiece() {
    assertThat(decode(false, mixedStream())).containsExactlyElementsOf(expectedMixed());
  }

  @Test
  void aStreamSplitAtEveryByteBoundaryDecodesTheSame() {
    byte[] wire = mixedStream();
    for (int split = 1; split < wire.length; split++) {
      RecordingHandler handler = new RecordingHandler();
      FrameDecoder decoder = new FrameDecoder(false, MAX);
      // Each chunk is its own array, as TCP reads are.
      byte[] first = java.util.Arrays.copyOfRange(wire, 0, split);
      byte[] second = java.util.Arrays.copyOfRange(wire, split, wire.length);
      decoder.feed(first, 0, first.length, handler);
      decoder.feed(second, 0, second.length, handler);
      assertThat(handler.events()).as("split at byte %d", split).containsExactlyElementsOf(expectedMixed());
    }
  }

  @Test
  void aStreamFedOneByteAtATimeDecodesTheSame() {
    byte[] wire = mixedStream();
    RecordingHandler handler = new RecordingHandler();
    FrameDecoder decoder = new FrameDecoder(false, MAX);
    for (int i = 0; i < wire.length; i++) {
      decoder.feed(new byte[] {wire[i]}, 0, 1, handler);
    }
    assertThat(handler.events()).containsExactlyElementsOf(expectedMixed());
  }

  @Test
  void aMaskedFrameFromTheServerIsAProtocolError() {
    assertProtocolError(false, RFC_MASKED_HELLO, 1002, "masked frame from the server");
  }

  @Test
  void anUnmaskedFrameFromAClientIsAProtocolError() {
    assertProtocolError(true, RFC_UNMASKED_HELLO, 1002, "unmasked frame from a client");
  }

  @Test
  void reservedBitsAndReservedOpcodesAreProtocolErrors() {
    assertProtocolError(false, bytes(0xC1, 0x00), 1002, "reserved bits");
    assertProtocolError(false, bytes(0x91, 0x00), 1002, "reserved bits");
    assertProtocolError(false, bytes(0x83, 0x00), 1002, "reserved opcode 3");
    assertProtocolError(false, bytes(0x8B, 0x00), 1002, "reserved opcode 11");
  }

  @Test
  void brokenFragmentationAndControlFramesAreProtocolErrors() {
    assertProtocolError(false, bytes(0x80, 0x01, 0x61), 1002, "continuation frame without a message");
    assertProtocolError(false, concat(bytes(0x01, 0x01, 0x61), bytes(0x81, 0x01, 0x62)), 1002, "new message began");
    assertProtocolError(false, bytes(0x09, 0x00), 1002, "fragmented control frame");
    assertProtocolError(false, concat(bytes(0x89, 0x7E, 0x00, 0x7E), new byte[126]), 1002, "control frame of 126 bytes");
    assertProtocolError(false, bytes(0x88, 0x01, 0x03), 1002, "one-byte status");
    assertProtocolError(false, bytes(0x88, 0x02, 0x03, 0xED), 1002, "close status 1005");
    assertProtocolError(false, bytes(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0), 1002, "most significant bit");
  }

  @Test
  void aMessageOverTheMaximumIsRefusedWith1009() {
    FrameDecoder decoder = new FrameDecoder(false, 200);
    byte[] exactly = FrameEncoder.serverFrame(true, FrameDecoder.TEXT, new byte[200]);
    RecordingHandler handler = new RecordingHandler();
    decoder.feed(exactly, 0, exactly.length, handler);
    assertThat(handler.events()).hasSize(1);

    byte[] over = FrameEncoder.serverFrame(true, FrameDecoder.TEXT, new byte[201]);
    assertThatThrownBy(() -> new FrameDecoder(false, 200).feed(over, 0, over.length, new RecordingHandler()))
        .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1009));

    // Fragments count together: two of 150 bytes make a message of 300.
    byte[] fragments = concat(FrameEncoder.serverFrame(false, FrameDecoder.TEXT, new byte[150]),
        FrameEncoder.serverFrame(true, FrameDecoder.CONTINUATION, new byte[150]));
    assertThatThrownBy(() -> new FrameDecoder(false, 200).feed(fragments, 0, fragments.length, new RecordingHandler()))
        .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(1009));
  }

  @Test
  void closeFramesGiveTheirCodeAndReasonOr1005WhenEmpty() {
    assertThat(decode(false, FrameEncoder.serverFrame(true, FrameDecoder.CLOSE, FrameEncoder.closePayload(1000, "bye"))))
        .containsExactly("close 1000 bye");
    assertThat(decode(false, bytes(0x88, 0x00))).containsExactly("close 1005");
    assertThat(FrameEncoder.closePayload(FrameDecoder.NO_STATUS, "ignored")).isEmpty();
    assertThat(FrameEncoder.closePayload(1000, "r".repeat(200))).hasSize(125);
  }

  @Test
  void clientFramesAreMaskedWithAFreshKeyAndReadBackByAServer() {
    java.util.Random random = new java.util.Random(1);
    byte[] first = FrameEncoder.clientFrame(FrameDecoder.TEXT, utf8("{\"op\":\"ping\"}"), random);
    byte[] second = FrameEncoder.clientFrame(FrameDecoder.TEXT, utf8("{\"op\":\"ping\"}"), random);
    assertThat(first[1] & 0x80).as("mask bit").isEqualTo(0x80);
    assertThat(java.util.Arrays.copyOfRange(first, 2, 6)).isNotEqualTo(java.util.Arrays.copyOfRange(second, 2, 6));
    assertThat(decode(true, concat(first, second))).containsExactly("text {\"op\":\"ping\"}", "text {\"op\":\"ping\"}");
  }

  private static void assertProtocolError(boolean server, byte[] wire, int code, String reason) {
    assertThatThrownBy(() -> new FrameDecoder(server, MAX).feed(wire, 0, wire.length, new RecordingHandler()))
        .isInstanceOfSatisfying(WebSocketProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(code))
        .hasMessageContaining(reason);
  }
}
