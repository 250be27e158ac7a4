package io.liqheat.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedCassandraSettingsTest {

  /** A user's conf/liqheat.conf, layered over the real reference.conf. */
  private static Config withOverride(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  @Test
  void referenceConfHasWorkingDefaults() {
    EmbeddedCassandraSettings settings = EmbeddedCassandraSettings.fromConfig(ConfigFactory.defaultReference());

    assertThat(settings.dataDir()).isEqualTo(Path.of("var/cassandra").toAbsolutePath());
    assertThat(settings.cqlPort()).isEqualTo(9042);
    assertThat(settings.storagePort()).isEqualTo(7000);
    assertThat(settings.heapMebibytes()).isEqualTo(2048);
    assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aRelativeDataDirIsTakenAgainstTheBaseDir() {
    EmbeddedCassandraSettings settings =
        EmbeddedCassandraSettings.fromConfig(ConfigFactory.defaultReference(), Path.of("/opt/liqheat"));

    assertThat(settings.dataDir()).isEqualTo(Path.of("/opt/liqheat/var/cassandra"));
  }

  @Test
  void readsOverrides() {
    EmbeddedCassandraSettings settings =
        EmbeddedCassandraSettings.fromConfig(
            withOverride(
                "liqheat.cassandra.embedded { data-dir = /tmp/c, cql-port = 19042, heap = 512M, start-timeout = 3m }"));

    assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/c"));
    assertThat(settings.cqlPort()).isEqualTo(19042);
    assertThat(settings.heapMebibytes()).isEqualTo(512);
    assertThat(settings.startTimeout()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void aPortOutOfRangeNamesItsKey() {
    assertThatThrownBy(
            () -> EmbeddedCassandraSettings.fromConfig(withOverride("liqheat.cassandra.embedded.cql-port = 70000")))
        .isInstanceOf(CassandraException.class)
        .hasMessageContaining("liqheat.cassandra.embedded.cql-port")
        .hasMessageContaining("70000");
  }

  @Test
  void aValueOfTheWrongTypeNamesItsKey() {
    assertThatThrownBy(
            () -> EmbeddedCassandraSettings.fromConfig(withOverride("liqheat.cassandra.embedded.storage-port = lots")))
        .hasMessageContaining("liqheat.cassandra.embedded.storage-port");
    assertThatThrownBy(
            () -> EmbeddedCassandraSettings.fromConfig(withOverride("liqheat.cassandra.embedded.heap = big")))
        .hasMessageContaining("liqheat.cassandra.embedded.heap");
    assertThatThrownBy(
            () -> EmbeddedCassandraSettings.fromConfig(withOverride("liqheat.cassandra.embedded.start-timeout = soon")))
        .hasMessageContaining("liqheat.cassandra.embedded.start-timeout");
  }

  @Test
  void aHeapTooSmallToBootNamesItsKey() {
    assertThatThrownBy(
            () -> EmbeddedCassandraSettings.fromConfig(withOverride("liqheat.cassandra.embedded.heap = 64M")))
        .hasMessageContaining("liqheat.cassandra.embedded.heap")
        .hasMessageContaining("256M");
  }

  @Test
  void aZeroTimeoutNamesItsKey() {
    assertThatThrownBy(
            () -> EmbeddedCassandraSettings.fromConfig(withOverride("liqheat.cassandra.embedded.stop-timeout = 0s")))
        .hasMessageContaining("liqheat.cassandra.embedded.stop-timeout");
  }

  @Test
  void theSamePortTwiceNamesBothKeys() {
    assertThatThrownBy(
            () ->
                EmbeddedCassandraSettings.fromConfig(
                    withOverride("liqheat.cassandra.embedded { cql-port = 7000, storage-port = 7000 }")))
        .hasMessageContaining("liqheat.cassandra.embedded.cql-port")
        .hasMessageContaining("liqheat.cassandra.embedded.storage-port");
  }

  @Test
  void anEmptyDataDirNamesItsKey() {
    assertThatThrownBy(
            () -> EmbeddedCassandraSettings.fromConfig(withOverride("liqheat.cassandra.embedded.data-dir = \"\"")))
        .hasMessageContaining("liqheat.cassandra.embedded.data-dir");
  }

  @Test
  void aMissingKeyIsNamed() {
    Config incomplete =
        ConfigFactory.parseString("liqheat.cassandra.embedded { data-dir = x, cql-port = 1, storage-port = 2, heap = 1G }");
    assertThatThrownBy(() -> EmbeddedCassandraSettings.fromConfig(incomplete))
        .hasMessageContaining("liqheat.cassandra.embedded.start-timeout")
        .hasMessageContaining("missing");
  }

  @Test
  void testSettingsUseDistinctFreePorts() {
    EmbeddedCassandraSettings settings = EmbeddedCassandraSettings.onFreePorts(Path.of("/tmp/x"));

    assertThat(settings.cqlPort()).isNotEqualTo(settings.storagePort());
    assertThat(Ports.isFree(settings.cqlPort())).isTrue();
  }
}
