package dev.spinj.wasm.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Spin's SQLite store ({@code fermyon/spin@v1.5.1:crates/key-value-sqlite}): table
 * {@code spin_key_value(store, key, value)}, rows of this store selected by its label, so several
 * labels can share one file and the file reads with Spin's own tools. One connection per store,
 * used by one thread at a time; every statement autocommits, so a returned {@code set} is on disk.
 */
public final class SqliteKeyValueStore implements KeyValueStore {
    private final String label;
    private final Connection connection;

    private SqliteKeyValueStore(String label, Connection connection) {
        this.label = label;
        this.connection = connection;
    }

    /** Opens (creating file and table if needed) the store {@code label} in {@code file}, or in memory when null. */
    public static SqliteKeyValueStore open(String label, Path file) throws KeyValueException {
        try {
            if (file != null && file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Connection connection = DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file);
            try (Statement create = connection.createStatement()) {
                create.executeUpdate("CREATE TABLE IF NOT EXISTS spin_key_value ("
                        + "store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store, key))");
            }
            return new SqliteKeyValueStore(label, connection);
        } catch (SQLException | IOException e) {
            throw new KeyValueException("cannot open key-value store '" + label + "' in "
                    + (file == null ? "memory" : file) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<byte[]> get(String key) throws KeyValueException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT value FROM spin_key_value WHERE store = ? AND key = ?")) {
            select.setString(1, label);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(bytes(rows.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("get", e);
        }
    }

    @Override
    public synchronized void set(String key, byte[] value) throws KeyValueException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO spin_key_value (store, key, value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (store, key) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, label);
            upsert.setString(2, key);
            upsert.setBytes(3, value);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("set", e);
        }
    }

    @Override
    public synchronized void delete(String key) throws KeyValueException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM spin_key_value WHERE store = ? AND key = ?")) {
            delete.setString(1, label);
            delete.setString(2, key);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    @Override
    public boolean exists(String key) throws KeyValueException {
        return get(key).isPresent();
    }

    @Override
    public synchronized List<String> keys() throws KeyValueException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key FROM spin_key_value WHERE store = ? ORDER BY key")) {
            select.setString(1, label);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw failure("get-keys", e);
        }
    }

    /** Spin's SQLite counters are 8-byte little-endian integers, read and written in one transaction. */
    @Override
    public synchronized long increment(String key, long delta) throws KeyValueException {
        try {
            connection.setAutoCommit(false);
            try {
                Optional<byte[]> current = get(key);
                if (current.isPresent() && current.get().length != Long.BYTES) {
                    throw new KeyValueException("increment in store '" + label + "' failed: the value of '" + key + "' is "
                            + current.get().length + " bytes, not an 8-byte counter", null);
                }
                long next = current.map(v -> ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong()).orElse(0L) + delta;
                set(key, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(next).array());
                connection.commit();
                return next;
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw failure("increment", e);
        }
    }

    @Override
    public synchronized boolean compareAndSwap(String key, Optional<byte[]> expected, byte[] value) throws KeyValueException {
        if (expected.isEmpty()) {
            set(key, value);
            return true;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE spin_key_value SET value = ? WHERE store = ? AND key = ? AND value = ?")) {
            update.setBytes(1, value);
            update.setString(2, label);
            update.setString(3, key);
            update.setBytes(4, expected.get());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("swap", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing releases the file; there is nothing left to save.
        }
    }

    /** A zero-length BLOB reads back as null from sqlite-jdbc. */
    private static byte[] bytes(byte[] value) {
        return value == null ? new byte[0] : value;
    }

    private KeyValueException failure(String operation, SQLException e) {
        return new KeyValueException(operation + " in store '" + label + "' failed: " + e.getMessage(), e);
    }
}
