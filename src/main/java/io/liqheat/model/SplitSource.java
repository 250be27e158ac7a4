package io.liqheat.model;

/**
 * Where the model reads which side newly opened positions are on. The configured source is used
 * when the step carries its data; otherwise the other data source; otherwise candle direction,
 * which is a weak fallback and documented as such.
 */
public enum SplitSource {
  /** The long/short account ratio: longs ÷ shorts among accounts. */
  ACCOUNT_RATIO,
  /** Taker buy volume against taker sell volume: aggressive buyers open longs. */
  TAKER_VOLUME,
  /** Up candles count as long opening, down candles as short opening, by a fixed bias. */
  CANDLE
}
