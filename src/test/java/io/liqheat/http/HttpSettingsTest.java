package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SSE heartbeat must come before Pekko's idle timeout closes a quiet stream. */
class HttpSettingsTest {

  @Test
  void aHeartbeatAtOrAboveTheIdleTimeoutStopsStartUpNamingBothKeys() {
    for (String heartbeat : new String[] {"30s", "45s"}) {
      Config config = config("liqheat.http.sse.heartbeat = " + heartbeat + "\npekko.http.server.idle-timeout = 30s");

      assertThatThrownBy(() -> HttpSettings.fromConfig(config))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("liqheat.http.sse.heartbeat")
          .hasMessageContaining("pekko.http.server.idle-timeout");
    }
  }

  @Test
  void aHeartbeatBelowTheIdleTimeoutOrAnInfiniteIdleTimeoutIsAccepted() {
    assertThat(HttpSettings.fromConfig(config("liqheat.http.sse.heartbeat = 29s\npekko.http.server.idle-timeout = 30s"))
        .sseHeartbeat()).isEqualTo(Duration.ofSeconds(29));
    assertThat(HttpSettings.fromConfig(config("liqheat.http.sse.heartbeat = 10m\npekko.http.server.idle-timeout = infinite"))
        .sseHeartbeat()).isEqualTo(Duration.ofMinutes(10));
  }

  private static Config config(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve();
  }
}
