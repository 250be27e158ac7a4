package io.liqheat.market;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.liqheat.model.Calibration;
import io.liqheat.model.DensityModel;
import io.liqheat.model.ModelSnapshot;

/**
 * What a market's journal says: the model as of the last frozen window, and the head of the
 * checksum chain. It changes only by {@link WindowFrozen} events, so it is the same after recovery
 * from any snapshot plus the events after it.
 *
 * <p>The model inside is mutable and stepped in place by the event handler: copying a whole book
 * per event would cost more than the event. Snapshots never see it half-changed, because the
 * entity's snapshot adapter copies it into an immutable {@link MarketSnapshot} on the entity's own
 * thread. After deserialization the model is kept as its snapshot and restored on first use, when
 * the calibration is at hand.
 */
// Only the @JsonProperty accessors: Pekko's Jackson also sees private fields (visibility FIELD = ANY),
// so restoredFrom would be written too (null once the model is in use) and, read back after the
// creator, would wipe the model the creator was given.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE)
public final class MarketState implements CborSerializable {

  public static final long NONE = Long.MIN_VALUE;

  private final MarketId market;
  private final String modelVersion;
  private long lastFrozenWindowStartMs;
  private String lastChecksum;
  private long framesFrozen;
  private double closePrice;
  private ModelSnapshot restoredFrom;
  private DensityModel model;

  @JsonCreator
  public MarketState(
      @JsonProperty("market") MarketId market,
      @JsonProperty("modelVersion") String modelVersion,
      @JsonProperty("lastFrozenWindowStartMs") long lastFrozenWindowStartMs,
      @JsonProperty("lastChecksum") String lastChecksum,
      @JsonProperty("framesFrozen") long framesFrozen,
      @JsonProperty("closePrice") double closePrice,
      @JsonProperty("model") ModelSnapshot model) {
    this.market = market;
    this.modelVersion = modelVersion;
    this.lastFrozenWindowStartMs = lastFrozenWindowStartMs;
    this.lastChecksum = lastChecksum;
    this.framesFrozen = framesFrozen;
    this.closePrice = closePrice;
    this.restoredFrom = model;
  }

  public static MarketState empty(MarketId market, String modelVersion) {
    return new MarketState(market, modelVersion, NONE, "", 0, Double.NaN, null);
  }

  public static MarketState of(MarketSnapshot snapshot) {
    return new MarketState(snapshot.market(), snapshot.modelVersion(), snapshot.lastFrozenWindowStartMs(),
        snapshot.lastChecksum(), snapshot.framesFrozen(), snapshot.closePrice(), snapshot.model());
  }

  /** An immutable copy, for the snapshot store. */
  public MarketSnapshot toSnapshot() {
    return new MarketSnapshot(
        market, modelVersion, lastFrozenWindowStartMs, lastChecksum, framesFrozen, closePrice, model());
  }

  @JsonProperty
  public MarketId market() {
    return market;
  }

  @JsonProperty
  public String modelVersion() {
    return modelVersion;
  }

  @JsonProperty
  public long lastFrozenWindowStartMs() {
    return lastFrozenWindowStartMs;
  }

  @JsonProperty
  public String lastChecksum() {
    return lastChecksum;
  }

  @JsonProperty
  public long framesFrozen() {
    return framesFrozen;
  }

  /** The newest frozen window's close, which windows without trades carry on; NaN before any. */
  @JsonProperty
  public double closePrice() {
    return closePrice;
  }

  /** The model after the newest frozen window's steps, as an immutable copy; null before any step. */
  @JsonProperty
  public ModelSnapshot model() {
    return model != null ? model.snapshot() : restoredFrom;
  }

  public boolean hasFrozen() {
    return lastFrozenWindowStartMs != NONE;
  }

  /** The model as of the last frozen window, as a fresh instance that the state does not share. */
  public DensityModel restoreModel(Calibration calibration) {
    ModelSnapshot snapshot = model();
    return snapshot == null
        ? new DensityModel(calibration, market.toString())
        : DensityModel.restore(calibration, snapshot);
  }

  /** Checksum of the model as of the last frozen window. */
  public String modelChecksum(Calibration calibration) {
    return workingModel(calibration).checksum();
  }

  /** The state after an event: its steps applied to the model, the chain advanced. */
  public MarketState apply(WindowFrozen event, Calibration calibration) {
    if (!event.steps().isEmpty()) {
      DensityModel working = workingModel(calibration);
      event.steps().forEach(working::step);
    }
    lastFrozenWindowStartMs = event.windowStartMs();
    lastChecksum = event.checksum();
    framesFrozen++;
    closePrice = event.closePrice();
    return this;
  }

  private DensityModel workingModel(Calibration calibration) {
    if (model == null) {
      model = restoredFrom == null
          ? new DensityModel(calibration, market.toString())
          : DensityModel.restore(calibration, restoredFrom);
      restoredFrom = null;
    }
    return model;
  }
}
