package io.liqheat.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.liqheat.market.MarketId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's configuration: the user's, with the connectors switched on for the simulated markets
 * and every exchange's URLs pointed at the simulator on loopback. Each exchange keeps its real path
 * layout, so the connectors run exactly as they would against the real exchange.
 */
final class DemoConfig {

  private DemoConfig() {}

  static Config pointedAt(Config base, int simulatorPort, List<MarketId> markets) {
    String http = "http://127.0.0.1:" + simulatorPort;
    String ws = "ws://127.0.0.1:" + simulatorPort;
    String marketList = markets.stream().map(market -> "\"" + market + "\"").collect(Collectors.joining(", "));
    return ConfigFactory.parseString(
            "liqheat.http.enabled = true\n"
                + "liqheat.ingest {\n"
                + "  enabled = true\n"
                + "  markets = [" + marketList + "]\n"
                + "  exchanges.binance { ws-url = \"" + ws + "\", rest-url = \"" + http + "\" }\n"
                + "  exchanges.bybit { ws-url = \"" + ws + "/v5/public/linear\", rest-url = \"" + http + "\" }\n"
                + "  exchanges.okx { ws-url = \"" + ws + "/ws/v5/public\", rest-url = \"" + http + "\" }\n"
                + "}\n")
        .withFallback(base)
        .resolve();
  }
}
