package io.liqheat.ingest;

import io.liqheat.market.Exchange;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** A running connector of one exchange: its connections' states, and a way to stop it. */
public interface ExchangeConnector {

  Exchange exchange();

  /** One status per connection (a connector may open several, e.g. Binance's 200 streams each). */
  List<ConnectorStatus> status();

  CompletionStage<Done> stop();
}
