package dev.spinj.wasm.host.sqlite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled SQLite database (a file, or memory), shared by every instance through one
 * connection used by one statement at a time, as Spin shares one connection per database.
 */
final class SqliteDatabase implements AutoCloseable {
    private final String label;
    private final Connection connection;

    private SqliteDatabase(String label, Connection connection) {
        this.label = label;
        this.connection = connection;
    }

    static SqliteDatabase open(String label, Path file) throws SqliteException {
        try {
            if (file != null && file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new SqliteDatabase(label,
                    DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file));
        } catch (SQLException | IOException e) {
            throw new SqliteException("cannot open database '" + label + "' in " + (file == null ? "memory" : file)
                    + ": " + e.getMessage(), e);
        }
    }

    /** Column names and rows of one statement with {@code ?} parameters bound in order. */
    record Result(List<String> columns, List<List<SqliteValue>> rows) {}

    synchronized Result execute(String sql, List<SqliteValue> parameters) throws SqliteException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            if (!statement.execute()) {
                return new Result(List.of(), List.of());
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
                return new Result(columns, out);
            }
        } catch (SQLException e) {
            throw new SqliteException(e.getMessage(), e);
        }
    }

    /** {@code --sqlite}: a script of one or more statements, run before serving. */
    synchronized void executeScript(String sql) throws SqliteException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new SqliteException("database '" + label + "': " + e.getMessage(), e);
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
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing left to save: every statement autocommitted.
        }
    }
}
