package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CommandOutputTest {

  @Test
  void anEmbeddedNodeLeftRunningIsSaidWithHowToStopIt() {
    assertThat(said(ConfigFactory.parseString("liqheat.cassandra.mode = embedded")))
        .contains("keeps running")
        .contains("bin/liqheat cassandra stop");
  }

  @Test
  void nothingIsSaidOfAnExternalCluster() {
    assertThat(said(ConfigFactory.parseString("liqheat.cassandra.mode = external"))).isEmpty();
  }

  private static String said(Config config) {
    StringWriter text = new StringWriter();
    CommandOutput.sayEmbeddedNodeKeepsRunning(new PrintWriter(text), config.withFallback(ConfigFactory.defaultReference()));
    return text.toString();
  }
}
