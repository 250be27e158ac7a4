package io.liqheat.market;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Exchange time as this process reads it. Against real exchanges it is the wall clock. Against the
 * simulator it may run {@code speed} times faster than the wall clock from the instant {@code
 * since}, so that a demo or a failover test sees five-minute windows freeze every few seconds
 * instead of waiting for them. Every process of one run (simulator and nodes) computes the same
 * time from the same two numbers, so their clocks agree without talking to each other.
 *
 * <p>Only time that stands for exchange time uses it: the simulator's tape and history, the ends of
 * backfills and the default ranges of history queries. Timeouts, back-offs and publish intervals
 * stay on the wall clock.
 */
public final class ExchangeClock extends Clock {

  public static final String ROOT = "liqheat.clock";

  private final double speed;
  private final long sinceMs;

  private ExchangeClock(double speed, long sinceMs) {
    this.speed = speed;
    this.sinceMs = sinceMs;
  }

  /** A clock {@code speed} times faster than the wall clock after {@code sinceMs}, equal to it then. */
  public static Clock scaled(double speed, long sinceMs) {
    if (!(speed > 0 && speed <= 1000)) {
      throw new IllegalArgumentException(ROOT + ".speed must be above 0 and at most 1000, was " + speed);
    }
    if (speed != 1 && sinceMs <= 0) {
      throw new IllegalArgumentException(
          ROOT + ".since-ms must name the wall-clock instant (epoch ms) the faster clock starts from when "
              + ROOT + ".speed is not 1, was " + sinceMs);
    }
    return speed == 1 ? Clock.systemUTC() : new ExchangeClock(speed, sinceMs);
  }

  /** {@code liqheat.clock.speed} and {@code liqheat.clock.since-ms}; speed 1 is the wall clock. */
  public static Clock fromConfig(Config config) {
    try {
      return scaled(config.getDouble(ROOT + ".speed"), config.getLong(ROOT + ".since-ms"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ROOT + ": " + e.getMessage(), e);
    }
  }

  public double speed() {
    return speed;
  }

  @Override
  public long millis() {
    return sinceMs + (long) ((System.currentTimeMillis() - sinceMs) * speed);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("exchange time is UTC");
    }
    return this;
  }
}
