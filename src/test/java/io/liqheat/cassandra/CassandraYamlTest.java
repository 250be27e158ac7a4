package io.liqheat.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CassandraYamlTest {

  private static final long MIB = 1024L * 1024;

  private final EmbeddedCassandraSettings settings =
      new EmbeddedCassandraSettings(
          Path.of("/srv/liq heat/cassandra"), 19042, 17000, 1024 * MIB, Duration.ofSeconds(120), Duration.ofSeconds(60));
  private final NodeLayout layout = new NodeLayout(settings.dataDir());
  private final String yaml = CassandraYaml.render(settings, layout);
  private final List<String> lines = yaml.lines().toList();

  @Test
  void listensOnLoopbackWithTheConfiguredPorts() {
    assertThat(lines)
        .contains(
            "listen_address: 127.0.0.1",
            "rpc_address: 127.0.0.1",
            "native_transport_port: 19042",
            "storage_port: 17000",
            "start_native_transport: true");
  }

  @Test
  void isItsOwnSeedOnTheStoragePort() {
    // With a non-default storage port the seed must name it, or the node waits for a seed that is not there.
    assertThat(lines).contains("      - seeds: '127.0.0.1:17000'");
  }

  @Test
  void keepsEveryDirectoryUnderTheDataDir() {
    assertThat(lines)
        .contains(
            "  - '/srv/liq heat/cassandra/data'",
            "commitlog_directory: '/srv/liq heat/cassandra/commitlog'",
            "saved_caches_directory: '/srv/liq heat/cassandra/saved_caches'",
            "hints_directory: '/srv/liq heat/cassandra/hints'",
            "cdc_raw_directory: '/srv/liq heat/cassandra/cdc_raw'");
  }

  @Test
  void hasWhatASingleNodeNeedsToBoot() {
    assertThat(lines)
        .contains(
            "cluster_name: 'liqheat'",
            "num_tokens: 1",
            "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
            "endpoint_snitch: SimpleSnitch",
            "authenticator: AllowAllAuthenticator",
            "commitlog_sync: periodic",
            "commitlog_sync_period: 10000ms");
  }

  @Test
  void sizesMemoryFromTheHeap() {
    assertThat(lines).contains("memtable_heap_space: 256MiB", "key_cache_size: 32MiB");
    assertThat(lines).as("memtable cells off the heap").contains("memtable_allocation_type: offheap_objects");
  }

  @Test
  void quotesPathsSafely() {
    NodeLayout odd = new NodeLayout(Path.of("/tmp/it's here"));
    assertThat(CassandraYaml.render(settings, odd)).contains("commitlog_directory: '/tmp/it''s here/commitlog'");
  }

  @Test
  void setsEachTopLevelKeyOnce() {
    Set<String> keys = new HashSet<>();
    for (String line : lines) {
      if (!line.isBlank() && !line.startsWith("#") && !line.startsWith(" ")) {
        assertThat(line).matches("[a-z_]+:.*");
        assertThat(keys.add(line.substring(0, line.indexOf(':')))).as(line).isTrue();
      }
    }
  }
}
