package io.liqheat.cli;

import io.liqheat.ingest.ConnectorStatus;
import io.liqheat.market.LiveFrame;
import io.liqheat.market.MarketCommand;
import io.liqheat.market.MarketId;
import io.liqheat.market.MarketSharding;
import io.liqheat.market.MarketStatus;
import io.liqheat.sim.SimScore;
import io.liqheat.sim.SimulatedExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The demo's periodic report: per market, what the connector and the entity did, and how well the
 * live estimate ranks the simulator's true liquidation levels (Spearman ρ over 0.5 % bins within
 * ±10 % of the price).
 */
final class DemoReport {

  static final double SCORE_RANGE = 0.10;
  static final double SCORE_BIN = 0.005;
  private static final Duration ASK = Duration.ofSeconds(5);

  private DemoReport() {}

  record Line(MarketId market, MarketStatus status, SimScore score) {}

  static List<Line> collect(LiqheatNode node, SimulatedExchange sim) {
    List<Line> lines = new ArrayList<>();
    for (MarketId market : sim.markets()) {
      try {
        MarketStatus status = node.status(market, ASK).toCompletableFuture().get(10, TimeUnit.SECONDS);
        LiveFrame live = MarketSharding.entity(node.system(), market)
            .ask(MarketCommand.GetLiveFrame::new, ASK).toCompletableFuture().get(10, TimeUnit.SECONDS);
        SimScore score = live.frame() == null
            ? null
            : sim.read(market, simulated -> SimScore.of(live.frame(), simulated.positions(), simulated.markPrice(),
                SCORE_RANGE, SCORE_BIN));
        lines.add(new Line(market, status, score));
      } catch (Exception e) {
        lines.add(new Line(market, null, null));
      }
    }
    return lines;
  }

  static String format(List<Line> lines, List<ConnectorStatus> connectors) {
    StringBuilder out = new StringBuilder();
    for (ConnectorStatus connector : connectors) {
      out.append(String.format(Locale.ROOT, "  %-8s %-12s %-12s messages %,d  trades %,d  reconnects %d  malformed %d%n",
          connector.exchange(), connector.connection(), connector.state().id(), connector.messages(), connector.trades(),
          connector.reconnects(), connector.malformedTotal()));
    }
    for (Line line : lines) {
      if (line.status() == null) {
        out.append(String.format(Locale.ROOT, "  %-20s (not answering yet)%n", line.market()));
        continue;
      }
      out.append(String.format(Locale.ROOT, "  %-20s trades %,9d  frozen windows %5d  last %s  ρ vs truth %s%n",
          line.market(), line.status().counters().trades(), line.status().framesFrozen(),
          line.status().framesFrozen() == 0 ? "-" : Instant.ofEpochMilli(line.status().lastFrozenWindowStartMs()),
          line.score() == null ? "-" : String.format(Locale.ROOT, "%.2f", line.score().spearmanBoth())));
    }
    return out.toString();
  }
}
