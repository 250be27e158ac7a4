package io.liqheat.cassandra;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CQL file into statements the way cqlsh reads it: on semicolons, except inside
 * {@code 'strings'}, {@code "identifiers"}, {@code $$bodies$$} and comments ({@code --},
 * {@code //}, {@code /* *}{@code /}). Comments are dropped; a final statement may omit its
 * semicolon.
 */
public final class CqlScript {

  private CqlScript() {}

  /**
   * @param source names the script in error messages
   * @throws IllegalArgumentException for an unterminated string, identifier or comment
   */
  public static List<String> split(String source, String cql) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = cql.length();
    while (i < n) {
      char c = cql.charAt(i);
      char next = i + 1 < n ? cql.charAt(i + 1) : '\0';
      if ((c == '-' && next == '-') || (c == '/' && next == '/')) {
        int end = cql.indexOf('\n', i);
        i = end < 0 ? n : end;
        current.append(' ');
      } else if (c == '/' && next == '*') {
        int end = cql.indexOf("*/", i + 2);
        if (end < 0) {
          throw unterminated(source, cql, i, "comment");
        }
        i = end + 2;
        current.append(' ');
      } else if (c == '\'' || c == '"') {
        int end = closingQuote(cql, i, c);
        if (end < 0) {
          throw unterminated(source, cql, i, c == '\'' ? "string" : "quoted identifier");
        }
        current.append(cql, i, end + 1);
        i = end + 1;
      } else if (c == '$' && next == '$') {
        int end = cql.indexOf("$$", i + 2);
        if (end < 0) {
          throw unterminated(source, cql, i, "$$ block");
        }
        current.append(cql, i, end + 2);
        i = end + 2;
      } else if (c == ';') {
        addIfNotBlank(statements, current);
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  /** CQL escapes a quote inside quotes by doubling it. */
  private static int closingQuote(String cql, int open, char quote) {
    int i = open + 1;
    while (i < cql.length()) {
      if (cql.charAt(i) == quote) {
        if (i + 1 < cql.length() && cql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
  }

  private static IllegalArgumentException unterminated(String source, String cql, int at, String what) {
    long line = cql.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    return new IllegalArgumentException(source + ":" + line + ": unterminated " + what);
  }
}
