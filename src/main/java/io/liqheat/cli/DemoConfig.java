package io.liqheat.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.market.MarketId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration of a node that reads the simulator: the connectors switched on for the simulated
 * markets, every exchange's URLs pointed at the simulator, and the simulator's exchange clock. Each
 * exchange keeps its real path layout, so the connectors run exactly as they would against the real
 * exchange.
 */
public final class DemoConfig {

  private DemoConfig() {}

  /** The user's configuration under that of a simulator running in real time. */
  static Config pointedAt(Config base, int simulatorPort, List<MarketId> markets) {
    return pointedAt(base, simulatorPort, markets, 1, 0);
  }

  /** The user's configuration under the simulator's. */
  static Config pointedAt(Config base, int simulatorPort, List<MarketId> markets, double speed, long sinceMs) {
    return ConfigFactory.parseString("liqheat.http.enabled = true\n" + nodeSettings(simulatorPort, markets, speed, sinceMs))
        .withFallback(base)
        .resolve();
  }

  /** The simulator's part as HOCON text, which {@code liqheat simulate --node-config} writes for other JVMs. */
  public static String nodeSettings(int simulatorPort, List<MarketId> markets, double speed, long sinceMs) {
    String http = "http://127.0.0.1:" + simulatorPort;
    String ws = "ws://127.0.0.1:" + simulatorPort;
    String marketList = markets.stream().map(market -> "\"" + market + "\"").collect(Collectors.joining(", "));
    // Batches leave a connector every 100 ms of wall time, which is speed × 100 ms of exchange time:
    // the grace after a window's end grows with the speed, or its last batch would come too late.
    // At speed 1 the user's own grace stands.
    String grace = speed == 1 ? "" : "liqheat.market.grace = " + Math.min(120_000, Math.max(2_000, (long) (2_000 * speed))) + "ms\n";
    return "liqheat.clock { speed = " + speed + ", since-ms = " + sinceMs + " }\n"
        + grace
        + "liqheat.ingest {\n"
        + "  enabled = true\n"
        + "  markets = [" + marketList + "]\n"
        + "  exchanges.binance { ws-url = \"" + ws + "\", rest-url = \"" + http + "\" }\n"
        + "  exchanges.bybit { ws-url = \"" + ws + "/v5/public/linear\", rest-url = \"" + http + "\" }\n"
        + "  exchanges.okx { ws-url = \"" + ws + "/ws/v5/public\", rest-url = \"" + http + "\" }\n"
        + "}\n";
  }
}
