package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/** The expected bytes are what Pekko's {@code ServerSentEvent} encoding wrote, which clients read today. */
class SseEncodingTest {

  private static String wire(ByteString bytes) {
    return bytes.decodeString(StandardCharsets.UTF_8);
  }

  @Test
  void anEventWithAnIdIsDataThenTypeThenIdThenABlankLine() {
    assertThat(wire(SseEncoding.event("bands", "1700000000000", "{\"subject\":\"BTC\"}")))
        .isEqualTo("data:{\"subject\":\"BTC\"}\nevent:bands\nid:1700000000000\n\n");
  }

  @Test
  void anEventWithoutAnIdHasNoIdField() {
    assertThat(wire(SseEncoding.event("frozen", "{}"))).isEqualTo("data:{}\nevent:frozen\n\n");
  }

  @Test
  void everyLineOfTheDataIsItsOwnDataField() {
    assertThat(wire(SseEncoding.event("bands", "7", "first\nsecond\nthird")))
        .isEqualTo("data:first\ndata:second\ndata:third\nevent:bands\nid:7\n\n");
    // A trailing line break is an empty last line, so a client gets the data back as it was.
    assertThat(wire(SseEncoding.event("bands", "ends with a break\n")))
        .isEqualTo("data:ends with a break\ndata:\nevent:bands\n\n");
    assertThat(wire(SseEncoding.event("bands", ""))).isEqualTo("data:\nevent:bands\n\n");
  }

  @Test
  void carriageReturnsEndLinesAsClientsReadThem() {
    assertThat(wire(SseEncoding.event("bands", "a\r\nb\rc")))
        .isEqualTo("data:a\ndata:b\ndata:c\nevent:bands\n\n");
  }

  @Test
  void theDataIsUtf8() {
    ByteString encoded = SseEncoding.event("bands", "1", "{\"note\":\"≈ 5 µs\"}");
    assertThat(encoded.toArray())
        .isEqualTo("data:{\"note\":\"≈ 5 µs\"}\nevent:bands\nid:1\n\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theHeartbeatIsAnEventWithEmptyDataThatClientsDrop() {
    assertThat(wire(SseEncoding.HEARTBEAT)).isEqualTo("data:\n\n");
  }

  @Test
  void aLineBreakInTheTypeOrIdIsRefused() {
    assertThatThrownBy(() -> SseEncoding.event("bands\nevent:other", "{}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SseEncoding.event("bands", "1\r2", "{}")).isInstanceOf(IllegalArgumentException.class);
  }
}
