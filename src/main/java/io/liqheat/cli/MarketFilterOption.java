package io.liqheat.cli;

import io.liqheat.market.MarketId;
import java.util.Optional;
import picocli.CommandLine.Option;

/** An optional {@code --market ID}: one market, or every market when absent. */
public final class MarketFilterOption {

  @Option(names = "--market", paramLabel = "ID", description = "Only this market, exchange:SYMBOL (default: every market).")
  String market;

  Optional<MarketId> only() {
    return Optional.ofNullable(market).map(MarketId::parse);
  }
}
