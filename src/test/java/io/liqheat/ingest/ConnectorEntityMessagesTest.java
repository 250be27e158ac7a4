package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector entity's answer crosses the cluster to every node's market list: which markets each
 * connection carries must survive the service's own serializer.
 */
class ConnectorEntityMessagesTest {

  private static final MarketId BTC = MarketId.parse("binance:BTCUSDT");
  private static final MarketId ETH = MarketId.parse("binance:ETHUSDT");
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    Config application = ConfigFactory.parseResources("application.conf");
    testKit = ActorTestKit.create("ConnectorEntityMessagesTest", ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(application.withOnlyPath("pekko.actor.serialization-bindings"))
        .withFallback(application.withOnlyPath("pekko.serialization.jackson"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void theCarriedMarketsOfEachConnectionCrossTheClusterWithItsState() {
    ConnectorMonitor first = new ConnectorMonitor("binance", "binance-ws-1", Duration.ofMinutes(1), Clock.systemUTC());
    first.carries(List.of(BTC, ETH));
    first.state(ConnectorState.CONNECTED);
    ConnectorMonitor rest = new ConnectorMonitor("binance", "binance-rest", Duration.ofMinutes(1), Clock.systemUTC());
    ConnectorEntity.Connections sent = new ConnectorEntity.Connections(List.of(
        ConnectorEntity.Connection.of(first.status()), ConnectorEntity.Connection.of(rest.status())));

    assertThat(SerializationExtension.get(testKit.system().classicSystem()).findSerializerFor(sent))
        .isInstanceOf(JacksonCborSerializer.class);
    ConnectorEntity.Connections received = new SerializationTestKit(testKit.system()).verifySerialization(sent, false);

    assertThat(received).isEqualTo(sent);
    assertThat(received.connections().get(0).carried()).isEqualTo(Set.of(BTC, ETH));
    assertThat(received.connections().get(0).state()).isEqualTo(ConnectorState.CONNECTED);
    assertThat(received.connections().get(1).carried()).isEmpty();
  }
}
