package io.liqheat.cli;

import static io.liqheat.cli.CommandOutput.say;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.cassandra.CassandraMode;
import io.liqheat.cassandra.CassandraProvisioner;
import io.liqheat.ingest.IngestSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code liqheat serve}: a service node against the real exchanges. It reads the markets listed
 * under {@code liqheat.ingest.markets}, freezes their windows into Cassandra and serves the API and
 * the page, until the process is stopped (SIGTERM runs coordinated shutdown: shards hand over,
 * the journal is flushed).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a liqheat node against the exchanges in the configuration (liqheat.ingest.markets): connectors,",
      "market entities, the read side and the HTTP API. Starts the embedded Cassandra node in embedded mode.",
      "A research view, not a trading signal; cross-margin positions cannot be seen."
    })
public final class ServeCommand implements Callable<Integer> {

  @Mixin ConfigFileOption config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Config loaded = CassandraMode.withDriverContactPoint(
        ConfigFactory.parseString("liqheat.ingest.enabled = true\nliqheat.http.enabled = true").withFallback(config.load()).resolve());
    IngestSettings ingest = IngestSettings.fromConfig(loaded);
    if (ingest.markets().isEmpty()) {
      throw new ConfigLoader.ConfigurationException(
          "liqheat.ingest.markets is empty: list the markets to read, e.g. [\"binance:BTCUSDT\", \"bybit:BTCUSDT\"]");
    }
    CassandraProvisioner.ensureReady(loaded, line -> say(out, line));
    CountDownLatch stopped = new CountDownLatch(1);
    LiqheatNode node = LiqheatNode.start(loaded);
    node.system().getWhenTerminated().thenRun(stopped::countDown);
    node.http().ifPresent(api -> say(out, "serving " + ingest.markets().size() + " markets on " + api.url()
        + " — a research view, not a trading signal; cross-margin positions cannot be seen"));
    stopped.await();
    return 0;
  }
}
