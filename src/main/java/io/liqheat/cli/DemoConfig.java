package io.liqheat.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.market.MarketId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration of a node that reads the simulator: the connectors switched on for the simulated
 * markets, every exchange's URLs pointed at the simulator, and the simulator's exchange clock. Each
 * exchange keeps its real path layout, so the connectors run exactly as they would against the real
 * exchange. The API listens on loopback only.
 */
public final class DemoConfig {

  private static final String INTERFACE = "liqheat.http.interface";

  /** The interface the demo's API listens on, whatever the configuration says. */
  static final String DEMO_INTERFACE = "127.0.0.1";

  private DemoConfig() {}

  /** The user's configuration under that of a simulator running in real time. */
  static Config pointedAt(Config base, int simulatorPort, List<MarketId> markets) {
    return pointedAt(base, simulatorPort, markets, 1, 0);
  }

  /**
   * The user's configuration under the simulator's, with the API on {@link #DEMO_INTERFACE}: the demo
   * is a local tool, never meant to be reached from the network, so a configuration that names
   * another interface (conf/production.conf with LIQHEAT_HTTP_INTERFACE, say) is overridden here.
   * {@link #overriddenInterface} tells the user.
   */
  static Config pointedAt(Config base, int simulatorPort, List<MarketId> markets, double speed, long sinceMs) {
    return ConfigFactory.parseString("liqheat.http.enabled = true\n"
            + INTERFACE + " = \"" + DEMO_INTERFACE + "\"\n"
            + nodeSettings(simulatorPort, markets, speed, sinceMs))
        .withFallback(base)
        .resolve();
  }

  /** The interface {@code base} names for the API, when it is not the demo's and {@link #pointedAt} overrides it. */
  static Optional<String> overriddenInterface(Config base) {
    String configured = base.hasPath(INTERFACE) ? base.getString(INTERFACE) : DEMO_INTERFACE;
    return configured.equals(DEMO_INTERFACE) ? Optional.empty() : Optional.of(configured);
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
