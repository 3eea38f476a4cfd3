package dev.spinj.wasm.host.rdbms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a PostgreSQL server said about a failed statement, field by field, as
 * {@code spin:postgres@4.x} hands it to the guest ({@code db-error}); {@code extras} are the
 * optional fields Spin adds, under its names.
 */
public record ServerError(String severity, String code, String message, Optional<String> detail, List<List<String>> extras) {
    /** The server's error behind {@code failure}, when a server answered one (not a lost connection, say). */
    static Optional<ServerError> of(Throwable failure) {
        if (!(failure instanceof PSQLException e) || e.getServerErrorMessage() == null) {
            return Optional.empty();
        }
        ServerErrorMessage m = e.getServerErrorMessage();
        List<List<String>> extras = new ArrayList<>();
        extra(extras, "column", m.getColumn());
        extra(extras, "constraint", m.getConstraint());
        extra(extras, "routine", m.getRoutine());
        extra(extras, "hint", m.getHint());
        extra(extras, "table", m.getTable());
        extra(extras, "datatype", m.getDatatype());
        extra(extras, "schema", m.getSchema());
        extra(extras, "file", m.getFile());
        extra(extras, "line", m.getLine() == 0 ? null : Integer.toString(m.getLine()));
        extra(extras, "where_", m.getWhere());
        return Optional.of(new ServerError(m.getSeverity(), m.getSQLState(), m.getMessage(), Optional.ofNullable(m.getDetail()),
                extras));
    }

    private static void extra(List<List<String>> extras, String name, String value) {
        if (value != null) {
            extras.add(List.of(name, value));
        }
    }
}
