package dev.spinj.wasm.host.rdbms;

import java.util.ArrayList;
import java.util.List;

/**
 * Spin guests write PostgreSQL's native {@code $1, $2} placeholders (tokio-postgres passes them
 * to the server); pgJDBC wants JDBC's positional {@code ?}. This rewrites the statement and says
 * which guest parameter feeds each {@code ?}, so {@code $2 ... $1 ... $2} keeps its meaning. Text
 * inside quotes, dollar quotes and comments is left alone; a literal {@code ?} (a jsonb operator)
 * is escaped as {@code ??} for pgJDBC.
 */
record PostgresPlaceholders(String sql, List<Integer> parameterOrder) {

    static PostgresPlaceholders rewrite(String statement) {
        StringBuilder out = new StringBuilder(statement.length());
        List<Integer> order = new ArrayList<>();
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            int skipTo = skippedUntil(statement, i);
            if (skipTo > i) {
                out.append(statement, i, skipTo);
                i = skipTo;
            } else if (c == '$' && i + 1 < n && Character.isDigit(statement.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isDigit(statement.charAt(end))) {
                    end++;
                }
                order.add(Integer.parseInt(statement.substring(i + 1, end)) - 1);
                out.append('?');
                i = end;
            } else if (c == '?') {
                out.append("??");
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return new PostgresPlaceholders(out.toString(), order);
    }

    /** The end of a quoted string, quoted identifier, dollar-quoted string or comment starting at {@code i}, else {@code i}. */
    private static int skippedUntil(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            int end = s.indexOf(c, i + 1);
            // A doubled quote is an escaped quote inside the same literal.
            while (end >= 0 && end + 1 < s.length() && s.charAt(end + 1) == c) {
                end = s.indexOf(c, end + 2);
            }
            return end < 0 ? s.length() : end + 1;
        }
        if (s.startsWith("--", i)) {
            int end = s.indexOf('\n', i);
            return end < 0 ? s.length() : end + 1;
        }
        if (s.startsWith("/*", i)) {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        if (c == '$') {
            int tagEnd = i + 1;
            while (tagEnd < s.length() && (Character.isLetterOrDigit(s.charAt(tagEnd)) || s.charAt(tagEnd) == '_')) {
                tagEnd++;
            }
            if (tagEnd < s.length() && s.charAt(tagEnd) == '$' && !Character.isDigit(s.charAt(i + 1))) {
                String tag = s.substring(i, tagEnd + 1);
                int end = s.indexOf(tag, tagEnd + 1);
                return end < 0 ? s.length() : end + tag.length();
            }
        }
        return i;
    }
}
