package dev.spinj.wasm.host.rdbms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresPlaceholdersTest {
    @Test
    void numberedPlaceholdersBecomePositionalInOrderOfUse() {
        PostgresPlaceholders p = PostgresPlaceholders.rewrite("SELECT $2, $1, $2");
        assertEquals("SELECT ?, ?, ?", p.sql());
        assertEquals(List.of(1, 0, 1), p.parameterOrder());
    }

    @Test
    void quotedTextDollarQuotesAndCommentsAreLeftAlone() {
        PostgresPlaceholders p = PostgresPlaceholders.rewrite(
                "SELECT '$1 it''s', \"$2\", $$ $3 $$, $tag$ $4 $tag$ -- $5\n/* $6 */ WHERE a = $1");
        assertEquals("SELECT '$1 it''s', \"$2\", $$ $3 $$, $tag$ $4 $tag$ -- $5\n/* $6 */ WHERE a = ?", p.sql());
        assertEquals(List.of(0), p.parameterOrder());
    }

    @Test
    void literalQuestionMarksAreEscapedForPgJdbc() {
        assertEquals("SELECT data ?? 'key' FROM t WHERE id = ?", PostgresPlaceholders.rewrite("SELECT data ? 'key' FROM t WHERE id = $1").sql());
    }
}
