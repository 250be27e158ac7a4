package io.liqheat.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.liqheat.market.Exchange;
import io.liqheat.market.InvalidMarketIdException;
import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which markets liqheat reads, from {@code liqheat.ingest}: {@code enabled} switches the connectors
 * on, {@code markets} lists {@code exchange:SYMBOL} ids. Validated whole before anything starts.
 */
public record IngestSettings(
    boolean enabled, List<MarketId> markets, Map<Exchange, ConnectorSettings> exchanges, DeliverySettings delivery) {

  public static IngestSettings fromConfig(Config config) {
    String root = ConnectorSettings.ROOT;
    boolean enabled;
    List<String> ids;
    try {
      enabled = config.getBoolean(root + ".enabled");
      ids = config.getStringList(root + ".markets");
    } catch (ConfigException e) {
      throw new IllegalArgumentException(root + ": " + e.getMessage(), e);
    }
    Set<MarketId> markets = new LinkedHashSet<>();
    for (String id : ids) {
      try {
        if (!markets.add(MarketId.parse(id))) {
          throw new IllegalArgumentException(root + ".markets lists '" + id + "' twice");
        }
      } catch (InvalidMarketIdException e) {
        throw new IllegalArgumentException(root + ".markets: " + e.getMessage(), e);
      }
    }
    Map<Exchange, ConnectorSettings> exchanges = new EnumMap<>(Exchange.class);
    for (MarketId market : markets) {
      exchanges.computeIfAbsent(market.exchange(), exchange -> ConnectorSettings.fromConfig(config, exchange));
    }
    DeliverySettings delivery = DeliverySettings.read(new ConnectorSettings.Keys(config.getConfig(root), root));
    return new IngestSettings(enabled, List.copyOf(markets), Map.copyOf(exchanges), delivery);
  }

  public List<MarketId> marketsOf(Exchange exchange) {
    List<MarketId> result = new ArrayList<>();
    for (MarketId market : markets) {
      if (market.exchange() == exchange) {
        result.add(market);
      }
    }
    return result;
  }
}
