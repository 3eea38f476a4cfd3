package dev.spinj.wasm.host.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * Keeps a guest's SQL inside its database file. SQLite reaches other host files through
 * {@code ATTACH}, {@code VACUUM INTO}, {@code load_extension()} and the directory pragmas; the
 * engine itself refuses the first three once extensions are off and {@code SQLITE_LIMIT_ATTACHED}
 * is 0 ({@code VACUUM INTO} attaches its target). sqlite-jdbc offers no authorizer, so the
 * pragmas, which take effect while the statement is prepared, are refused by reading the
 * statement's leading words the way SQLite's tokenizer does.
 *
 * <p>Plain {@code VACUUM} attaches a temporary database too, so it runs with the limit lifted.
 */
final class SqliteSandbox {
    /** Pragmas that make SQLite create files in a directory of the caller's choosing. */
    private static final Set<String> DIRECTORY_PRAGMAS = Set.of("temp_store_directory", "data_store_directory");
    private static final int LIMIT_FOR_TRUSTED_SQL = 10;
    private static final int LEADING_TOKENS = 8;

    private SqliteSandbox() {}

    /** Settings for every connection: no extension loading. */
    static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.enableLoadExtension(false);
        return config;
    }

    /** No attached databases for guest statements. */
    static void confine(SQLiteConnection connection) throws SQLException {
        connection.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
    }

    /** Lifts the attach limit for SQL the host trusts ({@code --sqlite} scripts, plain {@code VACUUM}). */
    static void liftAttachLimit(SQLiteConnection connection) throws SQLException {
        connection.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, LIMIT_FOR_TRUSTED_SQL);
    }

    /** Why a guest statement is refused before SQLite sees it, or null when it may run. */
    static String refusal(String sql) {
        List<String> words = statementWords(sql);
        if (words.size() >= 2 && words.get(0).equalsIgnoreCase("PRAGMA")) {
            String name = words.size() >= 4 && words.get(2).equals(".") ? words.get(3) : words.get(1);
            if (DIRECTORY_PRAGMAS.contains(name.toLowerCase(Locale.ROOT))) {
                return "not authorized: PRAGMA " + name + " would let SQLite create files outside the database";
            }
        }
        return null;
    }

    /** {@code VACUUM} or {@code VACUUM schema}, nothing after: the form that writes no other file. */
    static boolean isPlainVacuum(String sql) {
        List<String> words = statementWords(sql);
        if (!words.isEmpty() && words.get(words.size() - 1).equals(";")) {
            words = words.subList(0, words.size() - 1);
        }
        return !words.isEmpty() && words.size() <= 2 && words.get(0).equalsIgnoreCase("VACUUM");
    }

    /**
     * The first tokens of the statement SQLite will prepare: comments and leading {@code ;} are
     * skipped as SQLite skips them, and so is an {@code EXPLAIN [QUERY PLAN]} prefix, under which
     * a pragma still takes effect. Quoted names come unquoted; other punctuation is one token.
     */
    private static List<String> statementWords(String sql) {
        List<String> tokens = tokens(sql, LEADING_TOKENS + 3);
        int start = 0;
        while (start < tokens.size() && tokens.get(start).equals(";")) {
            start++;
        }
        if (start < tokens.size() && tokens.get(start).equalsIgnoreCase("EXPLAIN")) {
            start++;
            if (start + 1 < tokens.size() && tokens.get(start).equalsIgnoreCase("QUERY")
                    && tokens.get(start + 1).equalsIgnoreCase("PLAN")) {
                start += 2;
            }
        }
        return new ArrayList<>(tokens.subList(start, tokens.size()));
    }

    private static List<String> tokens(String sql, int max) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n && tokens.size() < max) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == close) {
                        if (close != ']' && j + 1 < n && sql.charAt(j + 1) == close) {
                            text.append(d);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                    j++;
                }
                tokens.add(text.toString());
                i = j + 1;
            } else if (isWordChar(c)) {
                int j = i;
                while (j < n && isWordChar(sql.charAt(j))) {
                    j++;
                }
                tokens.add(sql.substring(i, j));
                i = j;
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    /** SQLite's identifier characters: ASCII letters, digits, {@code _}, {@code $} and every non-ASCII character. */
    private static boolean isWordChar(char c) {
        return c == '_' || c == '$' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
