package io.liqheat.ingest.okx;

import io.liqheat.market.MarketId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured OKX markets whose contract specs are known, looked up by OKX's {@code instId}. */
public final class OkxInstruments {

  private final Map<String, OkxInstrument> byInstId;

  public OkxInstruments(Collection<OkxInstrument> instruments) {
    Map<String, OkxInstrument> map = new HashMap<>();
    for (OkxInstrument instrument : instruments) {
      map.put(instrument.instId(), instrument);
    }
    this.byInstId = Map.copyOf(map);
  }

  /** The instrument, or null when it is not one of ours (OKX's liquidation channel carries every swap). */
  public OkxInstrument get(String instId) {
    return instId == null ? null : byInstId.get(instId);
  }

  public boolean isEmpty() {
    return byInstId.isEmpty();
  }

  public List<MarketId> markets() {
    return byInstId.values().stream().map(OkxInstrument::market).sorted(
        java.util.Comparator.comparing(MarketId::toString)).toList();
  }

  /**
   * Markets by OKX's currency (the base asset), for the trading-statistics endpoints, which OKX
   * serves per currency rather than per instrument.
   */
  public Map<String, List<MarketId>> marketsByCurrency() {
    Map<String, List<MarketId>> result = new LinkedHashMap<>();
    for (MarketId market : markets()) {
      result.computeIfAbsent(market.baseAsset(), ccy -> new ArrayList<>()).add(market);
    }
    return result;
  }
}
