package io.liqheat.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the backtest's two CSV formats. Every bad row is an error with its line number. */
public final class BacktestFiles {

  static final List<String> BAR_COLUMNS =
      List.of("open_time", "open", "high", "low", "close", "open_interest_usd");
  static final List<String> LIQUIDATION_COLUMNS =
      List.of("start_time", "end_time", "long_usd", "short_usd");

  private BacktestFiles() {}

  public static List<Bar> readBars(Path file) {
    return bars(CsvTable.read(file, BAR_COLUMNS));
  }

  public static List<RealizedLiquidations> readLiquidations(Path file) {
    return liquidations(CsvTable.read(file, LIQUIDATION_COLUMNS));
  }

  /** For tests and tools that hold the CSV in memory. */
  public static List<Bar> parseBars(String csv, String source) {
    try (BufferedReader reader = new BufferedReader(new StringReader(csv))) {
      return bars(CsvTable.read(reader, source, BAR_COLUMNS));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  public static List<RealizedLiquidations> parseLiquidations(String csv, String source) {
    try (BufferedReader reader = new BufferedReader(new StringReader(csv))) {
      return liquidations(CsvTable.read(reader, source, LIQUIDATION_COLUMNS));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  /** Writes bars with every optional column; unknown values stay empty. */
  public static void writeBars(Path file, List<Bar> bars) throws IOException {
    StringBuilder csv = new StringBuilder(
        "open_time,open,high,low,close,open_interest_usd,volume,long_short_ratio,taker_buy_volume,taker_sell_volume\n");
    for (Bar bar : bars) {
      csv.append(bar.openTimeMs()).append(',').append(bar.open()).append(',').append(bar.high()).append(',')
          .append(bar.low()).append(',').append(bar.close()).append(',').append(bar.openInterestUsd()).append(',')
          .append(cell(bar.volume())).append(',').append(cell(bar.longShortRatio())).append(',')
          .append(cell(bar.takerBuyVolume())).append(',').append(cell(bar.takerSellVolume())).append('\n');
    }
    Files.writeString(file, csv);
  }

  public static void writeLiquidations(Path file, List<RealizedLiquidations> intervals) throws IOException {
    StringBuilder csv = new StringBuilder("start_time,end_time,long_usd,short_usd\n");
    for (RealizedLiquidations interval : intervals) {
      csv.append(interval.startMs()).append(',').append(interval.endMs()).append(',')
          .append(interval.longUsd()).append(',').append(interval.shortUsd()).append('\n');
    }
    Files.writeString(file, csv);
  }

  private static String cell(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  private static List<Bar> bars(List<CsvTable.Row> rows) {
    List<Bar> bars = new ArrayList<>(rows.size());
    long previousOpen = Long.MIN_VALUE;
    for (CsvTable.Row row : rows) {
      Bar bar = new Bar(
          row.epochMillis("open_time"),
          positive(row, "open"),
          positive(row, "high"),
          positive(row, "low"),
          positive(row, "close"),
          nonNegative(row, "open_interest_usd"),
          row.optionalNumber("volume"),
          row.optionalNumber("long_short_ratio"),
          row.optionalNumber("taker_buy_volume"),
          row.optionalNumber("taker_sell_volume"));
      if (bar.high() < bar.low()) {
        throw row.problem("high " + bar.high() + " is below low " + bar.low());
      }
      if (bar.open() > bar.high() || bar.open() < bar.low() || bar.close() > bar.high() || bar.close() < bar.low()) {
        throw row.problem("open and close must lie within [low, high]");
      }
      if (bar.openTimeMs() <= previousOpen) {
        throw row.problem("open_time " + bar.openTimeMs() + " does not follow the previous bar's " + previousOpen);
      }
      previousOpen = bar.openTimeMs();
      bars.add(bar);
    }
    return bars;
  }

  private static List<RealizedLiquidations> liquidations(List<CsvTable.Row> rows) {
    List<RealizedLiquidations> intervals = new ArrayList<>(rows.size());
    for (CsvTable.Row row : rows) {
      RealizedLiquidations interval = new RealizedLiquidations(
          row.epochMillis("start_time"),
          row.epochMillis("end_time"),
          nonNegative(row, "long_usd"),
          nonNegative(row, "short_usd"));
      if (interval.endMs() <= interval.startMs()) {
        throw row.problem("end_time must be after start_time");
      }
      intervals.add(interval);
    }
    return intervals;
  }

  private static double positive(CsvTable.Row row, String column) {
    double value = row.number(column);
    if (!(value > 0)) {
      throw row.problem("column " + column + " must be above 0, was " + value);
    }
    return value;
  }

  private static double nonNegative(CsvTable.Row row, String column) {
    double value = row.number(column);
    if (value < 0) {
      throw row.problem("column " + column + " must not be negative, was " + value);
    }
    return value;
  }
}
