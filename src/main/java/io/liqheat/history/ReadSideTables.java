package io.liqheat.history;

/**
 * Names of the read side's tables (conf/cassandra/schema/03-read-side.cql) and of the driver
 * execution profile its statements run under.
 */
final class ReadSideTables {

  static final String FRAMES = "liqheat.frames_by_market_day";
  static final String PROGRESS = "liqheat.frames_progress";
  static final String OFFSETS = "liqheat.projection_offsets";

  /**
   * {@code datastax-java-driver.profiles.liqheat-read-side} (reference.conf): LOCAL_QUORUM writes
   * and reads, so that whoever waits on {@code frames_progress} (replay) sees what the projection
   * wrote, whichever replica answers; every statement is an idempotent upsert or a read, so the
   * driver may retry it.
   */
  static final String PROFILE = "liqheat-read-side";

  private ReadSideTables() {}
}
