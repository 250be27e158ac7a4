package io.liqheat.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comma-separated file with a header row, read strictly: a row that cannot be used stops the run
 * with its line number. Backtest figures computed over silently skipped rows would be wrong in a way
 * nobody could see. Extra columns are ignored; blank lines are allowed.
 */
final class CsvTable {

  /** One data row, with the line number it came from. */
  record Row(String source, int line, Map<String, Integer> columns, String[] cells) {

    boolean has(String column) {
      Integer at = columns.get(column);
      return at != null && at < cells.length && !cells[at].isBlank();
    }

    double number(String column) {
      String cell = cells[columns.get(column)].trim();
      try {
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
          throw problem("column " + column + " is not a finite number: '" + cell + "'");
        }
        return value;
      } catch (NumberFormatException e) {
        throw problem("column " + column + " is not a number: '" + cell + "'");
      }
    }

    double optionalNumber(String column) {
      return has(column) ? number(column) : Double.NaN;
    }

    long epochMillis(String column) {
      String cell = cells[columns.get(column)].trim();
      try {
        return Long.parseLong(cell);
      } catch (NumberFormatException e) {
        throw problem("column " + column + " is not epoch milliseconds: '" + cell + "'");
      }
    }

    MalformedInputException problem(String what) {
      return new MalformedInputException(source + " line " + line + ": " + what);
    }
  }

  private CsvTable() {}

  static List<Row> read(Path file, List<String> requiredColumns) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString(), requiredColumns);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<Row> read(BufferedReader reader, String source, List<String> requiredColumns)
      throws IOException {
    String header = reader.readLine();
    if (header == null) {
      throw new MalformedInputException(source + " is empty: expected a header row");
    }
    Map<String, Integer> columns = new HashMap<>();
    String[] names = header.split(",", -1);
    for (int i = 0; i < names.length; i++) {
      columns.put(names[i].trim().toLowerCase(Locale.ROOT).replace("\uFEFF", ""), i);
    }
    for (String required : requiredColumns) {
      if (!columns.containsKey(required)) {
        throw new MalformedInputException(
            source + " line 1: missing column " + required + "; the header must name " + requiredColumns);
      }
    }
    List<Row> rows = new ArrayList<>();
    int line = 1;
    String text;
    while ((text = reader.readLine()) != null) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      String[] cells = text.split(",", -1);
      Row row = new Row(source, line, columns, cells);
      for (String required : requiredColumns) {
        if (!row.has(required)) {
          throw row.problem("column " + required + " is empty or missing");
        }
      }
      rows.add(row);
    }
    return rows;
  }
}
