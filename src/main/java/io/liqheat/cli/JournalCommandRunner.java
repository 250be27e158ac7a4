package io.liqheat.cli;

import static io.liqheat.cli.CommandOutput.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.cassandra.CassandraMode;
import io.liqheat.cassandra.CassandraProvisioner;
import io.liqheat.history.CommandSessions;
import io.liqheat.history.ReadSideReplays;
import io.liqheat.model.InvalidCalibrationException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs a command that replays the journal against the read side ({@code rebuild}, {@code verify})
 * in an actor system of its own, and turns what goes wrong into one line.
 *
 * <p>The actor system has the local provider, not the cluster one. It needs only Pekko's
 * serialization (the journal's events) and streams, and no sharding, singleton or remoting; a cluster provider would bind Artery's port (2551 by default), which a service node on
 * the same host already holds, so the command could not run beside the service it is meant to run
 * beside, and with another port it would form a cluster of its own that owns nothing. The
 * local provider binds no port at all. It never writes to the journal, so it cannot conflict with
 * the entities that do.
 */
final class JournalCommandRunner {

  private static final Config LOCAL = ConfigFactory.parseString(
      "pekko.actor.provider = local\n"
          // The command's own output says what happened; Pekko's INFO lines would only bury it.
          + "pekko.loglevel = WARNING\n"
          // The driver would log any server warning once per request, thousands of times in a
          // rebuild; failures still fail the command and are reported by it.
          + "datastax-java-driver.advanced.request.log-warnings = false\n");

  private static final Duration TERMINATION = Duration.ofSeconds(30);

  private JournalCommandRunner() {}

  static <T> T run(ConfigFileOption config, int parallelMarkets, PrintWriter err, Function<ReadSideReplays, T> work) {
    Config loaded = CassandraMode.withDriverContactPoint(LOCAL.withFallback(config.load()).resolve());
    CassandraProvisioner.ensureReady(loaded, line -> say(err, line));
    try (CqlSession session = CommandSessions.open(loaded)) {
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "liqheat-replay", loaded);
      try {
        return work.apply(new ReadSideReplays(system, session, loaded, parallelMarkets));
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(TERMINATION.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InvalidCalibrationException e) {
      throw new ConfigLoader.ConfigurationException(e.getMessage());
    } catch (DriverException e) {
      throw CassandraErrors.explain(e, loaded);
    } catch (CompletionException e) {
      throw e.getCause() instanceof DriverException driver ? CassandraErrors.explain(driver, loaded) : e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the actor system stopped", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the actor system did not stop within " + TERMINATION, e);
    }
  }
}
