package io.liqheat.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CqlScriptTest {

  @Test
  void splitsOnSemicolonsAndDropsComments() {
    String cql =
        "-- a line comment; with a semicolon\n"
            + "CREATE KEYSPACE IF NOT EXISTS k WITH REPLICATION = { 'class' : 'SimpleStrategy', 'replication_factor' : 1 };\n"
            + "// another comment\n"
            + "/* a block\n comment; */ CREATE TABLE IF NOT EXISTS k.t (id text PRIMARY KEY);\n";

    assertThat(CqlScript.split("test.cql", cql))
        .containsExactly(
            "CREATE KEYSPACE IF NOT EXISTS k WITH REPLICATION = { 'class' : 'SimpleStrategy', 'replication_factor' : 1 }",
            "CREATE TABLE IF NOT EXISTS k.t (id text PRIMARY KEY)");
  }

  @Test
  void keepsSemicolonsAndCommentMarkersInsideStringsIdentifiersAndBodies() {
    String cql =
        "INSERT INTO k.t (id) VALUES ('a;b -- c /* d''s */');\n"
            + "SELECT \"odd;name\" FROM k.t;\n"
            + "CREATE FUNCTION IF NOT EXISTS k.f(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$;";

    assertThat(CqlScript.split("test.cql", cql))
        .containsExactly(
            "INSERT INTO k.t (id) VALUES ('a;b -- c /* d''s */')",
            "SELECT \"odd;name\" FROM k.t",
            "CREATE FUNCTION IF NOT EXISTS k.f(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$");
  }

  @Test
  void acceptsALastStatementWithoutSemicolonAndIgnoresEmptyOnes() {
    assertThat(CqlScript.split("test.cql", ";; SELECT 1 FROM t ;\n\n SELECT 2 FROM t"))
        .containsExactly("SELECT 1 FROM t", "SELECT 2 FROM t");
  }

  @Test
  void reportsAnUnterminatedStringWithItsLine() {
    assertThatThrownBy(() -> CqlScript.split("schema.cql", "SELECT 1 FROM t;\nINSERT INTO t (a) VALUES ('oops);"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema.cql:2: unterminated string");
  }

  @Test
  void reportsAnUnterminatedComment() {
    assertThatThrownBy(() -> CqlScript.split("schema.cql", "/* never closed"))
        .hasMessage("schema.cql:1: unterminated comment");
  }
}
