package dev.spinj.wasm.host.sqlite;

import dev.spinj.wasm.Deadlines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

/**
 * One labelled SQLite database (a file, or memory), shared by every instance through one
 * connection used by one statement at a time, as Spin shares one connection per database.
 * Guest statements are confined to the database ({@link SqliteSandbox}) and end with the request:
 * waiting for the connection gives up when the deadline interrupts the thread, and a running
 * statement is aborted by SQLite's progress handler once {@link Deadlines#remaining()} is zero.
 */
public final class SqliteDatabase implements AutoCloseable {
    /** SQLite virtual-machine steps between two deadline checks: microseconds of work. */
    private static final int STEPS_PER_DEADLINE_CHECK = 10_000;

    private final String label;
    private final SQLiteConnection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteDatabase(String label, SQLiteConnection connection) {
        this.label = label;
        this.connection = connection;
    }

    static SqliteDatabase open(String label, Path file) throws SqliteException {
        try {
            if (file != null && file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            SQLiteConnection connection = (SQLiteConnection) SqliteSandbox.config()
                    .createConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file);
            SqliteSandbox.confine(connection);
            ProgressHandler.setHandler(connection, STEPS_PER_DEADLINE_CHECK, new ProgressHandler() {
                @Override
                protected int progress() {
                    boolean expired = Deadlines.remaining().map(Duration::isZero).orElse(false);
                    return expired || Thread.currentThread().isInterrupted() ? 1 : 0;
                }
            });
            return new SqliteDatabase(label, connection);
        } catch (SQLException | IOException e) {
            throw new SqliteException("cannot open database '" + label + "' in " + (file == null ? "memory" : file)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Column names and rows of one statement with {@code ?} parameters bound in order, and the
     * connection's {@code last_insert_rowid()} and {@code changes()} right after it: read under
     * the same lock, so another instance's statement cannot slip in between.
     */
    public record Result(List<String> columns, List<List<SqliteValue>> rows, long lastInsertRowid, long changes) {}

    public Result execute(String sql, List<SqliteValue> parameters) throws SqliteException {
        String refusal = SqliteSandbox.refusal(sql);
        if (refusal != null) {
            throw new SqliteException(refusal, null);
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the deadline's: the guest must still see it
            throw new SqliteException("interrupted while waiting for database '" + label + "'", e);
        }
        try {
            if (!SqliteSandbox.isPlainVacuum(sql)) {
                return run(sql, parameters);
            }
            SqliteSandbox.liftAttachLimit(connection);
            try {
                return run(sql, parameters);
            } finally {
                SqliteSandbox.confine(connection);
            }
        } catch (SQLException e) {
            throw new SqliteException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private Result run(String sql, List<SqliteValue> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            if (!statement.execute()) {
                return withCounts(List.of(), List.of());
            }
            try (ResultSet rows = statement.getResultSet()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnLabel(c));
                }
                List<List<SqliteValue>> out = new ArrayList<>();
                while (rows.next()) {
                    List<SqliteValue> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        row.add(value(rows.getObject(c)));
                    }
                    out.add(row);
                }
                return withCounts(columns, out);
            }
        }
    }

    private Result withCounts(List<String> columns, List<List<SqliteValue>> rows) throws SQLException {
        try (Statement counts = connection.createStatement();
                ResultSet row = counts.executeQuery("SELECT last_insert_rowid(), changes()")) {
            row.next();
            return new Result(columns, rows, row.getLong(1), row.getLong(2));
        }
    }

    /** {@code --sqlite}: a script of one or more statements from the operator, run before serving. */
    void executeScript(String sql) throws SqliteException {
        lock.lock();
        try (Statement statement = connection.createStatement()) {
            SqliteSandbox.liftAttachLimit(connection);
            try {
                statement.executeUpdate(sql);
            } finally {
                SqliteSandbox.confine(connection);
            }
        } catch (SQLException e) {
            throw new SqliteException("database '" + label + "': " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static void bind(PreparedStatement statement, int index, SqliteValue value) throws SQLException {
        switch (value.tag()) {
            case SqliteValue.INTEGER -> statement.setLong(index, value.integer());
            case SqliteValue.REAL -> statement.setDouble(index, value.real());
            case SqliteValue.TEXT -> statement.setString(index, new String(value.bytes(), StandardCharsets.UTF_8));
            case SqliteValue.BLOB -> statement.setBytes(index, value.bytes());
            default -> statement.setNull(index, Types.NULL);
        }
    }

    /** sqlite-jdbc reports each cell by its storage class: Integer/Long, Double, String, byte[] or null. */
    private static SqliteValue value(Object cell) {
        if (cell == null) {
            return new SqliteValue(SqliteValue.NULL, 0, 0, null);
        }
        if (cell instanceof Integer || cell instanceof Long) {
            return new SqliteValue(SqliteValue.INTEGER, ((Number) cell).longValue(), 0, null);
        }
        if (cell instanceof Number number) {
            return new SqliteValue(SqliteValue.REAL, 0, number.doubleValue(), null);
        }
        if (cell instanceof byte[] blob) {
            return new SqliteValue(SqliteValue.BLOB, 0, 0, blob);
        }
        return new SqliteValue(SqliteValue.TEXT, 0, 0, cell.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing left to save: every statement autocommitted.
        } finally {
            lock.unlock();
        }
    }
}
